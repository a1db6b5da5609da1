import Crypto
import Foundation

/// The hash chain that makes the audit log tamper-evident: each event's hash covers the
/// previous event's hash and the event's canonical form, so changing, removing or
/// reordering any stored event breaks every hash after it.
public enum AuditChain {
    /// The `previousHash` of the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// The canonical form: every field in a fixed order, one per line, `-` for absent values,
    /// backslashes and newlines in free text escaped, so the same event always hashes the same on any database.
    public static func canonicalForm(of e: AuditEvent) -> String {
        String(decoding: canonicalBytes(of: e), as: UTF8.self)
    }

    /// The canonical form as UTF-8 bytes, built without Foundation string searches: it runs for
    /// every event appended and every event verified.
    public static func canonicalBytes(of e: AuditEvent) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        func field(_ value: String?, last: Bool = false) {
            if let value {
                for byte in value.utf8 {
                    switch byte {
                    case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                    case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                    default: out.append(byte)
                    }
                }
            } else {
                out.append(UInt8(ascii: "-"))
            }
            if !last { out.append(UInt8(ascii: "\n")) }
        }
        field(String(e.sequence)); field(Hex.uuid(e.id)); field(String(e.occurredAtMillis))
        field(e.actorUserID.map(Hex.uuid)); field(e.actorUsername); field(e.organizationID.map(Hex.uuid))
        field(e.organizationKind?.rawValue); field(e.role?.rawValue); field(e.purpose?.rawValue)
        field(e.personID.map(Hex.uuid)); field(e.category?.rawValue); field(e.action); field(e.outcome.rawValue)
        field(e.reason); field(e.statedReason); field(e.requestID); field(e.needsReview ? "review" : "no-review")
        field(e.previousHash, last: true)
        return out
    }

    /// SHA-256 of the canonical form, lowercase hex.
    public static func hash(of event: AuditEvent) -> String {
        Hex.encode(SHA256.hash(data: canonicalBytes(of: event)))
    }

    /// Checks events in sequence order, continuing from `previous` (the last verified event's
    /// sequence and hash). Returns the first event that does not fit, and why.
    public static func firstBreak(
        in events: some Sequence<AuditEvent>, after previous: (sequence: Int64, hash: String) = (0, genesis)
    ) -> AuditBreak? {
        var expected = previous
        for event in events {
            if event.sequence != expected.sequence + 1 {
                return AuditBreak(sequence: event.sequence, eventID: event.id,
                                  problem: "expected sequence \(expected.sequence + 1), found \(event.sequence): an event is missing or out of order")
            }
            if event.previousHash != expected.hash {
                return AuditBreak(sequence: event.sequence, eventID: event.id,
                                  problem: "its previous hash does not match the hash of event \(expected.sequence)")
            }
            if hash(of: event) != event.hash {
                return AuditBreak(sequence: event.sequence, eventID: event.id,
                                  problem: "its contents do not match its hash: the event was altered")
            }
            expected = (event.sequence, event.hash)
        }
        return nil
    }
}

/// Where and why the chain breaks.
public struct AuditBreak: Sendable, Hashable, CustomStringConvertible {
    public var sequence: Int64
    public var eventID: UUID
    public var problem: String
    public init(sequence: Int64, eventID: UUID, problem: String) {
        self.sequence = sequence
        self.eventID = eventID
        self.problem = problem
    }

    public var description: String { "event \(sequence) (\(eventID.uuidString.lowercased())): \(problem)" }
}

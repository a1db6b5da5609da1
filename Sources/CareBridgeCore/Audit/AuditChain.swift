import Crypto
import Foundation

/// The hash chain that makes the audit log tamper-evident: each event's hash covers the
/// previous event's hash and the event's canonical form, so changing, removing or
/// reordering any stored event breaks every hash after it.
public enum AuditChain {
    /// The `previousHash` of the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// The canonical form: every field in a fixed order, one per line, `-` for absent values,
    /// newlines in free text escaped, so the same event always hashes the same on any database.
    public static func canonicalForm(of e: AuditEvent) -> String {
        func field(_ value: String?) -> String {
            guard let value else { return "-" }
            return value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
        }
        let fields: [String?] = [
            String(e.sequence), e.id.uuidString.lowercased(), String(e.occurredAtMillis),
            e.actorUserID?.uuidString.lowercased(), e.actorUsername, e.organizationID?.uuidString.lowercased(),
            e.organizationKind?.rawValue, e.role?.rawValue, e.purpose?.rawValue,
            e.personID?.uuidString.lowercased(), e.category?.rawValue, e.action, e.outcome.rawValue,
            e.reason, e.statedReason, e.requestID, e.needsReview ? "review" : "no-review", e.previousHash,
        ]
        return fields.map(field).joined(separator: "\n")
    }

    /// SHA-256 of the canonical form, lowercase hex.
    public static func hash(of event: AuditEvent) -> String {
        let digest = SHA256.hash(data: Data(canonicalForm(of: event).utf8))
        return Hex.encode(digest)
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

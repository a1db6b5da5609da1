import CareBridgeCore
import Foundation
import Testing

@Suite("Audit hash chain")
struct AuditChainTests {
    static func chain(_ count: Int) -> [AuditEvent] {
        var previous = AuditChain.genesis
        return (1...count).map { n in
            let event = AuditDraft(occurredAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(n)), actorUserID: nil,
                                   actorUsername: "user\(n)", action: "identity.read", outcome: .allowed,
                                   statedReason: n == 2 ? "line one\nline two" : nil).chained(sequence: Int64(n), previousHash: previous)
            previous = event.hash
            return event
        }
    }

    @Test func anUntouchedChainVerifies() {
        #expect(AuditChain.firstBreak(in: Self.chain(5)) == nil)
    }

    @Test func changingAFieldBreaksTheChainAtThatEvent() {
        var events = Self.chain(5)
        events[2].actorUsername = "mallory"
        #expect(AuditChain.firstBreak(in: events)?.sequence == 3)
    }

    @Test func recomputingTheAlteredHashStillBreaksTheNextEvent() {
        var events = Self.chain(5)
        events[2].outcome = .denied
        events[2].hash = AuditChain.hash(of: events[2])
        let broken = AuditChain.firstBreak(in: events)
        #expect(broken?.sequence == 4)
        #expect(broken?.problem.contains("previous hash") == true)
    }

    @Test func removingAnEventIsAGap() {
        var events = Self.chain(5)
        events.remove(at: 1)
        #expect(AuditChain.firstBreak(in: events)?.sequence == 3)
    }

    @Test func newlinesInFreeTextCannotForgeFields() {
        let event = Self.chain(2)[1]
        let lines = AuditChain.canonicalForm(of: event).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 18)
    }

    @Test func theHashIsLowercaseSHA256Hex() {
        let hash = Self.chain(1)[0].hash
        #expect(hash.count == 64)
        #expect(hash.allSatisfy { "0123456789abcdef".contains($0) })
    }
}

@Suite("Hex encoding")
struct HexTests {
    @Test func uuidsEncodeAsFoundationDoesInLowercase() {
        for _ in 0..<100 {
            let id = UUID()
            #expect(Hex.uuid(id) == id.uuidString.lowercased())
        }
    }

    @Test func bytesEncodeAsTwoLowercaseDigits() {
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }
}

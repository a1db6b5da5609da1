import Foundation
import Testing

@testable import CareBridgeCore

@Suite("Referral validation and encoding")
struct ReferralValidationTests {
    typealias T = ReferralTestData

    func expectInvalid(_ field: String, _ change: (inout Referral) throws -> Void) throws {
        var r = T.sent()
        try change(&r)
        let error = #expect(throws: CareBridgeError.self) { try r.validate() }
        #expect(error?.kind == .validation)
        #expect(error?.field == field)
    }

    @Test func aNewReferralIsValid() throws {
        let r = T.sent()
        try r.validate()
        #expect(r.state == .sent && r.createdAt == r.updatedAt && r.events.count == 1)
        #expect(r.events[0].from == nil && r.events[0].action == .send && r.events[0].organizationID == T.sender)
    }

    @Test func badFieldsAreNamed() throws {
        try expectInvalid("reason") { $0.reason = "   " }
        try expectInvalid("reason") { $0.reason = String(repeating: "a", count: 2001) }
        try expectInvalid("languagesNeeded[1]") { $0.languagesNeeded = ["ru", "English"] }
        try expectInvalid("languagesNeeded") { $0.languagesNeeded = Array(repeating: "ru", count: 11) }
        try expectInvalid("outcomeNote") { $0.outcomeNote = String(repeating: "a", count: 501) }
        try expectInvalid("declineReason") { $0 = try T.referral(in: .declined); $0.declineReason = nil }
        try expectInvalid("appointment") { $0 = try T.referral(in: .booked); $0.appointment = nil }
        try expectInvalid("consentBasis.reason") { $0.consentBasis = .emergency(reason: "") }
        try expectInvalid("updatedAt") { $0.updatedAt = $0.createdAt.addingTimeInterval(-1) }
        try expectInvalid("events") { $0.state = .accepted }
        try expectInvalid("events") { $0.events = [] }
    }

    @Test func limitsAreInclusive() throws {
        var r = T.sent()
        r.reason = String(repeating: "a", count: 2000)
        r.outcomeNote = String(repeating: "a", count: 500)
        r.languagesNeeded = ["ru", "uz-Latn", "fa-AF", "prs"]
        r.consentBasis = .emergency(reason: "Unconscious, no relatives reachable.")
        try r.validate()
    }

    @Test func theConsentBasisIsEncodedFlat() throws {
        let id = UUID()
        for basis in [ReferralBasis.consent(id), .notifiableDisease, .emergency(reason: "Unconscious.")] {
            let data = try JSONEncoder().encode(basis)
            #expect(try JSONDecoder().decode(ReferralBasis.self, from: data) == basis)
        }
        let json = try #require(String(data: JSONEncoder().encode(ReferralBasis.notifiableDisease), encoding: .utf8))
        #expect(json == #"{"type":"notifiable-disease"}"#)
        #expect(throws: CareBridgeError.self) { try JSONDecoder().decode(ReferralBasis.self, from: Data(#"{"type":"hunch"}"#.utf8)) }
    }

    @Test func aReferralSurvivesJSON() throws {
        let r = try T.referral(in: .completed)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        #expect(try decoder.decode(Referral.self, from: encoder.encode(r)) == r)
    }

    @Test func codesParseFromTheirExternalNames() throws {
        #expect(try ReferralState.parse("did-not-attend") == .didNotAttend)
        #expect(try ReferralActionKind.parse("did-not-attend") == .didNotAttend)
        #expect(try ReferralUrgency.parse("emergency") == .emergency)
        let error = #expect(throws: CareBridgeError.self) { try ReferralUrgency.parse("asap") }
        #expect(error?.field == "urgency")
    }
}

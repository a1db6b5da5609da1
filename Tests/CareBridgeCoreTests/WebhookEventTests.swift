import Foundation
import Testing

@testable import CareBridgeCore

@Suite("Webhook events")
struct WebhookEventTests {
    typealias T = ReferralTestData

    @Test func thereIsOneEventTypePerState() {
        let types = ReferralState.allCases.map { WebhookEventType($0) }
        #expect(Set(types).count == ReferralState.allCases.count && Set(types) == Set(WebhookEventType.allCases))
        #expect(WebhookEventType(.sent).rawValue == "referral.sent")
        #expect(WebhookEventType(.didNotAttend).rawValue == "referral.did-not-attend")
        for state in ReferralState.allCases { #expect(WebhookEventType(state).rawValue == "referral." + state.rawValue) }
    }

    @Test func theEventDescribesTheLatestStep() throws {
        let r = try T.referral(in: .completed)
        let event = WebhookEvent(latestStepOf: r)
        #expect(event.type == .referralCompleted && event.state == .completed && event.referralID == r.id)
        #expect(event.occurredAt == r.events.last?.at && event.organizationID == T.receiver)
    }

    @Test func theBodyIsTheSameBytesEveryTimeWithSortedKeysAndISODates() throws {
        let event = WebhookEvent(id: UUID(uuidString: "01890000-0000-7000-8000-000000000001")!, occurredAt: T.created,
                                 referralID: UUID(uuidString: "01890000-0000-7000-8000-000000000002")!,
                                 organizationID: T.receiver, state: .booked)
        let body = event.body()
        #expect(body == event.body())
        let text = try #require(String(data: body, encoding: .utf8))
        #expect(text == #"{"id":"01890000-0000-7000-8000-000000000001","occurredAt":"2023-11-14T22:13:20Z","#
            + #""organizationId":"00000000-0000-7000-8000-00000000b001","referralId":"01890000-0000-7000-8000-000000000002","#
            + #""state":"booked","type":"referral.booked"}"#)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(WebhookEvent.self, from: body) == event)
    }

    @Test func theBodyCarriesNoOutcomeNoteOrOtherDetail() throws {
        var r = try T.referral(in: .attended)
        r = try T.apply(.complete(note: "HIV test positive; started ART."), to: r, at: T.created.addingTimeInterval(86_400))
        let body = WebhookEvent(latestStepOf: r).body()
        let text = try #require(String(data: body, encoding: .utf8))
        for detail in ["HIV", "ART", "cough", "X-ray", r.personID.text, r.serviceID.text, "uz-Latn"] {
            #expect(!text.contains(detail), "\(detail)")
        }
        let keys = try #require(JSONSerialization.jsonObject(with: body) as? [String: Any]).keys
        #expect(Set(keys) == ["id", "type", "occurredAt", "referralId", "organizationId", "state"])
    }
}

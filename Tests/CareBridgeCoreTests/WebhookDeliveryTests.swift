import Foundation
import Testing

@testable import CareBridgeCore

@Suite("Webhook deliveries")
struct WebhookDeliveryTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    func delivery() throws -> WebhookDelivery {
        let referral = try ReferralTestData.referral(in: .accepted)
        return .pending(targetID: UUID(), event: WebhookEvent(latestStepOf: referral), at: start)
    }

    func failed(at: Date, status: Int? = 503) -> WebhookAttempt {
        WebhookAttempt(at: at, statusCode: status, error: status == nil ? "connection refused" : nil, durationMs: 120)
    }

    @Test func aNewDeliveryIsDueAtOnce() throws {
        let d = try delivery()
        #expect(d.state == .pending && d.nextAttemptAt == start && d.attempts.isEmpty)
        #expect(d.isDue(at: start) && !d.isDue(at: start.addingTimeInterval(-1)))
    }

    @Test(arguments: [200, 201, 204, 299])
    func a2xxAnswerDelivers(status: Int) throws {
        var random = SplitMix(seed: 1)
        let d = try delivery().recording(WebhookAttempt(at: start, statusCode: status, durationMs: 80), using: &random)
        #expect(d.state == .delivered && d.nextAttemptAt == nil && d.attempts.count == 1)
        #expect(!d.isDue(at: start.addingTimeInterval(86_400)))
    }

    @Test(arguments: [nil, 199, 301, 400, 410, 500, 503] as [Int?])
    func anythingElseIsRetriedAbout30SecondsLater(status: Int?) throws {
        var random = SplitMix(seed: 2)
        let d = try delivery().recording(failed(at: start, status: status), using: &random)
        #expect(d.state == .retrying)
        let wait = try #require(d.nextAttemptAt).timeIntervalSince(start)
        #expect(wait >= 24 && wait <= 36)
        #expect(!d.isDue(at: start) && d.isDue(at: start.addingTimeInterval(36)))
    }

    @Test func afterTwelveFailuresTheDeliveryIsAbandoned() throws {
        var random = SplitMix(seed: 3)
        var d = try delivery()
        for _ in 1...11 {
            d = d.recording(failed(at: try #require(d.nextAttemptAt)), using: &random)
            #expect(d.state == .retrying)
        }
        d = d.recording(failed(at: try #require(d.nextAttemptAt)), using: &random)
        #expect(d.state == .abandoned && d.nextAttemptAt == nil && d.attempts.count == 12)
        #expect(!d.isDue(at: .distantFuture))
    }

    @Test func sendingAgainKeepsTheHistoryAndStartsAFreshRound() throws {
        var random = SplitMix(seed: 4)
        var d = try delivery()
        for _ in 1...12 { d = d.recording(failed(at: d.attempts.last?.at.addingTimeInterval(60) ?? start), using: &random) }
        #expect(d.state == .abandoned)
        let later = start.addingTimeInterval(3 * 86_400)
        d = d.resend(at: later)
        #expect(d.state == .pending && d.nextAttemptAt == later && d.attempts.count == 12 && d.attemptsInRound == 0)
        #expect(d.isDue(at: later))
        d = d.recording(failed(at: later), using: &random)
        #expect(d.state == .retrying && d.attempts.count == 13)
        let wait = try #require(d.nextAttemptAt).timeIntervalSince(later)
        #expect(wait >= 24 && wait <= 36)
        d = d.recording(WebhookAttempt(at: later.addingTimeInterval(40), statusCode: 200, durationMs: 50), using: &random)
        #expect(d.state == .delivered)
        // A delivered event can be sent again too, under the same id for the receiver to deduplicate.
        #expect(d.resend(at: later).state == .pending && d.resend(at: later).event.id == d.event.id)
    }

    @Test func errorsAreCutShort() {
        let attempt = WebhookAttempt(at: start, error: String(repeating: "e", count: 5000), durationMs: 30_000)
        #expect(attempt.error?.count == 500 && !attempt.succeeded)
    }
}

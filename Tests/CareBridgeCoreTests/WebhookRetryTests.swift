import Foundation
import Testing

@testable import CareBridgeCore


@Suite("Webhook retry schedule")
struct WebhookRetryTests {
    let schedule = RetrySchedule.standard
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func theFirstAttemptIsImmediateThenWaitsDoubleFrom30SecondsUpTo6Hours() {
        let delays = (0..<12).map { schedule.delay(after: $0) }
        #expect(delays == [0, 30, 60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 21600])
        #expect(zip(delays, delays.dropFirst()).allSatisfy { $0! <= $1! })
        #expect(RetrySchedule(maxAttempts: 100).delay(after: 99) == 21_600.0)
        #expect(RetrySchedule(maxAttempts: 5000).delay(after: 4000) == 21_600.0)
    }

    @Test func attemptsAreExhaustedAfterTwelve() {
        var random = SplitMix(seed: 1)
        #expect(schedule.delay(after: 12) == nil && schedule.delay(after: 13) == nil)
        #expect(schedule.nextAttempt(after: 12, at: start, using: &random) == nil)
        #expect(schedule.nextAttempt(after: 11, at: start, using: &random) != nil)
        #expect(schedule.nextAttempt(after: 0, at: start, using: &random) == start)
    }

    @Test func jitterStaysWithin20PercentAndUnderTheCap() throws {
        var random = SplitMix(seed: 42)
        for attempt in 1..<12 {
            let delay = try #require(schedule.delay(after: attempt))
            let waits = try (0..<500).map { _ in
                try #require(schedule.nextAttempt(after: attempt, at: start, using: &random)).timeIntervalSince(start)
            }
            #expect(waits.allSatisfy { $0 >= 0.8 * delay && $0 <= min(1.2 * delay, 6 * 3600) }, "attempt \(attempt)")
            // Spread on both sides below the cap, so receivers are not hit all at once.
            if 1.2 * delay <= 6 * 3600 {
                #expect(waits.min()! < 0.85 * delay && waits.max()! > 1.15 * delay, "attempt \(attempt)")
            }
        }
    }

    @Test func attemptTimesOnlyMoveForward() throws {
        var random = SplitMix(seed: 7)
        var at = start, times: [Date] = []
        for attempt in 1..<12 {
            at = try #require(schedule.nextAttempt(after: attempt, at: at, using: &random))
            times.append(at)
        }
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
        #expect(times.last!.timeIntervalSince(start) < 20 * 3600)
    }
}

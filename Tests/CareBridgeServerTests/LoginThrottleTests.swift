@testable import CareBridgeServer
import CareBridgeCore
import Foundation
import Testing

@Suite("Login throttle")
struct LoginThrottleTests {
    @Test("an account is refused after the limit, and free again once its failures leave the window")
    func throttlesThenRecovers() throws {
        let throttle = LoginThrottle(limit: 3, window: 60)
        let start = Date(timeIntervalSince1970: 1_000)
        let keys = [LoginThrottle.accountKey("Anna"), LoginThrottle.addressKey("10.0.0.1")]
        for n in 0..<3 { throttle.recordFailure(keys: keys, now: start.addingTimeInterval(Double(n))) }
        let error = #expect(throws: CareBridgeError.self) { try throttle.check(keys: keys, now: start.addingTimeInterval(10)) }
        #expect(error?.kind == .rateLimited)
        #expect(error?.retryAfter == 50)
        // Another account from another address is not affected.
        try throttle.check(keys: [LoginThrottle.accountKey("boris"), LoginThrottle.addressKey("10.0.0.2")], now: start.addingTimeInterval(10))
        try throttle.check(keys: keys, now: start.addingTimeInterval(61))
    }

    @Test("spraying many usernames does not grow the table without bound")
    func expiredEntriesArePruned() {
        let throttle = LoginThrottle(limit: 5, window: 60)
        let start = Date(timeIntervalSince1970: 1_000)
        for n in 0..<10_001 { throttle.recordFailure(keys: [LoginThrottle.accountKey("user\(n)")], now: start) }
        throttle.recordFailure(keys: [LoginThrottle.accountKey("late")], now: start.addingTimeInterval(120))
        #expect(throttle.trackedKeys == 1)
    }
}

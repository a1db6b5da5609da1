import Foundation

/// When to try a failed webhook delivery again: the first attempt at once, then waits from `base` doubling per attempt,
/// never longer than `cap`, each spread by ±`jitter` so receivers coming back up are not hit by every sender at once.
public struct RetrySchedule: Codable, Sendable, Hashable {
    public var base: TimeInterval
    public var cap: TimeInterval
    /// A fraction: 0.2 spreads each wait over 80% to 120% of it (and still never past `cap`).
    public var jitter: Double
    /// After this many attempts the delivery is abandoned (until someone sends it again).
    public var maxAttempts: Int

    public init(base: TimeInterval = 30, cap: TimeInterval = 6 * 3600, jitter: Double = 0.2, maxAttempts: Int = 12) {
        (self.base, self.cap, self.jitter, self.maxAttempts) = (base, cap, jitter, maxAttempts)
    }

    /// CareBridge defaults: 30 s doubling to 6 hours, ±20%, 12 attempts (about 14 hours in all).
    public static let standard = RetrySchedule()

    /// The wait after `attempt` attempts before the next one, without jitter; 0 before the first, nil when none are left.
    public func delay(after attempt: Int) -> TimeInterval? {
        guard attempt < maxAttempts else { return nil }
        guard attempt >= 1 else { return 0 }
        // base × 2^(attempt − 1); a huge exponent gives infinity, which the cap takes care of.
        return min(cap, base * Double(sign: .plus, exponent: attempt - 1, significand: 1))
    }

    /// When to make the next attempt after `attempt` attempts, the last made `at`; nil when attempts are exhausted.
    public func nextAttempt(after attempt: Int, at: Date, using rng: inout some RandomNumberGenerator) -> Date? {
        guard let delay = delay(after: attempt) else { return nil }
        guard delay > 0 else { return at }
        let spread = Double.random(in: -jitter...jitter, using: &rng)
        return at.addingTimeInterval(min(cap, delay * (1 + spread)))
    }
}

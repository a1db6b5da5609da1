import CareBridgeCore
import Foundation
import Synchronization

/// Slows password guessing: after `limit` failures within `window` for one account, or from one
/// address, further attempts are refused until the oldest failure leaves the window.
/// Kept in memory: each server throttles what it sees (behind a load balancer, the limit is per server).
final class LoginThrottle: Sendable {
    let limit: Int
    let window: TimeInterval
    private let failures = Mutex<[String: [Date]]>([:])

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    static func accountKey(_ username: String) -> String { "user:" + username.lowercased() }
    static func addressKey(_ address: String) -> String { "addr:" + address }

    /// Throws rate-limited if either key has used up its attempts.
    func check(keys: [String], now: Date) throws {
        let wait = failures.withLock { table -> TimeInterval? in
            var longest: TimeInterval?
            for key in keys {
                let recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
                table[key] = recent.isEmpty ? nil : recent
                if recent.count >= limit, let oldest = recent.first {
                    longest = max(longest ?? 0, window - now.timeIntervalSince(oldest))
                }
            }
            return longest
        }
        if let wait {
            throw CareBridgeError(.rateLimited, title: "Too many failed sign-ins",
                                  detail: "Too many failed sign-ins for this account or from this address. Try again in \(Int(wait.rounded(.up))) seconds.",
                                  retryAfter: Int(wait.rounded(.up)))
        }
    }

    func recordFailure(keys: [String], now: Date) {
        failures.withLock { table in
            for key in keys { table[key, default: []].append(now) }
            // Someone spraying many usernames must not grow the table without bound: drop expired entries.
            if table.count > 10_000 {
                table = table.compactMapValues { times in
                    let recent = times.filter { now.timeIntervalSince($0) < window }
                    return recent.isEmpty ? nil : recent
                }
            }
        }
    }

    /// Accounts and addresses currently remembered (for tests and metrics).
    var trackedKeys: Int { failures.withLock { $0.count } }

    func recordSuccess(accountKey: String) {
        _ = failures.withLock { $0.removeValue(forKey: accountKey) }
    }
}

import Crypto
import Foundation

/// The signature a receiver checks before trusting a delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256>` over
/// `"<t>.<body>"`, keyed with the target's secret. The timestamp inside the MAC stops an old delivery being replayed.
/// Several `v1=` values may appear (e.g. old and new secret during a change); one matching is enough.
public enum WebhookSignature {
    public static let header = "Webhook-Signature"
    /// The event id the receiver deduplicates on; the same on every retry of an event.
    public static let idHeader = "Webhook-Id"
    public static let defaultTolerance: TimeInterval = 300

    public static func sign(body: Data, secret: String, timestamp: Int) -> String {
        "t=\(timestamp),v1=\(mac(body: body, secret: secret, timestamp: timestamp))"
    }

    /// Whether `header` signs `body` with `secret` and its timestamp is within `tolerance` seconds of `now`.
    public static func verify(header: String, body: Data, secret: String, now: Date, tolerance: TimeInterval = defaultTolerance) -> Bool {
        var timestamp: Int?
        var candidates: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.trimmed.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            switch pair[0] {
            case "t": if timestamp != nil { return false } else { timestamp = Int(pair[1]) }
            case "v1": candidates.append(pair[1])
            default: continue
            }
        }
        guard let timestamp, abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance else { return false }
        let expected = Array(mac(body: body, secret: secret, timestamp: timestamp).utf8)
        var matched = false
        for candidate in candidates where constantTimeEqual(Array(candidate.utf8), expected) { matched = true }
        return matched
    }

    static func mac(body: Data, secret: String, timestamp: Int) -> String {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: Data(secret.utf8)))
        hmac.update(data: Data("\(timestamp).".utf8))
        hmac.update(data: body)
        return hmac.finalize().withUnsafeBytes { Hex.encode($0) }
    }

    /// Compares every byte whatever the first difference, so timing does not reveal how much of a guess was right.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}

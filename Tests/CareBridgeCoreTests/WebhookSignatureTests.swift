import Crypto
import Foundation
import Testing

@testable import CareBridgeCore

@Suite("Webhook signatures")
struct WebhookSignatureTests {
    let secret = "carebridge-test-secret-0123456789abcdef"
    let body = Data(#"{"id":"x","type":"referral.sent"}"#.utf8)
    let t = 1_700_000_000
    var now: Date { Date(timeIntervalSince1970: Double(t)) }

    @Test func theSignatureIsHMACSHA256OfTimestampDotBody() {
        let header = WebhookSignature.sign(body: body, secret: secret, timestamp: t)
        // Computed with Python's hmac module, outside CareBridge.
        #expect(header == "t=1700000000,v1=5e92b2484972ef770fbc2a659a41b328afb0beb618c363127cf821db33384c3d")
        let mac = HMAC<SHA256>.authenticationCode(for: Data("1700000000.".utf8) + body, using: SymmetricKey(data: Data(secret.utf8)))
        let hex = mac.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        #expect(header == "t=1700000000,v1=\(hex)")
    }

    @Test func aFreshSignatureVerifiesWithinTheTolerance() {
        let header = WebhookSignature.sign(body: body, secret: secret, timestamp: t)
        #expect(WebhookSignature.verify(header: header, body: body, secret: secret, now: now))
        #expect(WebhookSignature.verify(header: header, body: body, secret: secret, now: now.addingTimeInterval(300)))
        #expect(WebhookSignature.verify(header: header, body: body, secret: secret, now: now.addingTimeInterval(-300)))
    }

    @Test func anExpiredOrFutureTimestampFails() {
        let header = WebhookSignature.sign(body: body, secret: secret, timestamp: t)
        #expect(!WebhookSignature.verify(header: header, body: body, secret: secret, now: now.addingTimeInterval(301)))
        #expect(!WebhookSignature.verify(header: header, body: body, secret: secret, now: now.addingTimeInterval(-301)))
        #expect(WebhookSignature.verify(header: header, body: body, secret: secret, now: now.addingTimeInterval(3000), tolerance: 3600))
    }

    @Test func aTamperedBodyTimestampOrSecretFails() {
        let header = WebhookSignature.sign(body: body, secret: secret, timestamp: t)
        var tampered = body
        tampered[tampered.startIndex + 8] ^= 1
        #expect(!WebhookSignature.verify(header: header, body: tampered, secret: secret, now: now))
        #expect(!WebhookSignature.verify(header: header, body: body, secret: secret + "x", now: now))
        let shifted = header.replacingOccurrences(of: "t=1700000000", with: "t=1700000001")
        #expect(!WebhookSignature.verify(header: shifted, body: body, secret: secret, now: now))
    }

    @Test func malformedHeadersFail() {
        let good = WebhookSignature.sign(body: body, secret: secret, timestamp: t)
        let v1 = String(good.split(separator: ",")[1])
        for header in ["", "t=1700000000", v1, "t=abc,\(v1)", "t=1700000000,t=1700000000,\(v1)", "t=1700000000,v1=",
                       "t=1700000000,v0=" + v1.dropFirst(3), good.uppercased()] {
            #expect(!WebhookSignature.verify(header: header, body: body, secret: secret, now: now), "\(header)")
        }
    }

    @Test func oneMatchingSignatureAmongSeveralIsEnough() {
        let old = WebhookSignature.sign(body: body, secret: "an-old-secret-that-is-32-bytes-long!", timestamp: t)
        let new = WebhookSignature.sign(body: body, secret: secret, timestamp: t)
        let both = "\(new),\(old.split(separator: ",")[1])"
        #expect(WebhookSignature.verify(header: both, body: body, secret: secret, now: now))
        #expect(WebhookSignature.verify(header: both, body: body, secret: "an-old-secret-that-is-32-bytes-long!", now: now))
    }

    @Test func comparisonLooksAtWholeValues() {
        #expect(WebhookSignature.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!WebhookSignature.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!WebhookSignature.constantTimeEqual([1, 2, 3], [1, 2]))
    }
}

import Foundation
import Testing

@testable import CareBridgeCore

@Suite("Webhook targets and secrets")
struct WebhookTargetTests {
    func target(_ url: String, secret: String = WebhookSecret.generate()) -> WebhookTarget {
        WebhookTarget(organizationID: UUID(), url: url, secret: secret, createdAt: Date(timeIntervalSince1970: 0))
    }

    @Test(arguments: ["https://clinic.example.org/hooks/carebridge", "http://10.0.0.5:8080/hook", "HTTPS://EXAMPLE.ORG"])
    func httpAndHttpsURLsWithAHostPass(url: String) throws {
        try target(url).validate()
    }

    @Test(arguments: ["ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)", "mailto:a@example.org"])
    func otherSchemesAreRefused(url: String) {
        let error = #expect(throws: CareBridgeError.self) { try target(url).validate() }
        #expect(error?.field == "url")
        #expect(error?.detail.contains("http") == true)
    }

    @Test(arguments: ["", "not a url", "https://", "https:///path", "/relative/path", "example.org/hook", "https://exa mple.org"])
    func urlsWithoutAHostOrUnparseableAreRefused(url: String) {
        let error = #expect(throws: CareBridgeError.self) { try target(url).validate() }
        #expect(error?.field == "url")
    }

    @Test func longURLsAreRefused() throws {
        let base = "https://example.org/"
        try target(base + String(repeating: "a", count: 2000 - base.count)).validate()
        let error = #expect(throws: CareBridgeError.self) { try target(base + String(repeating: "a", count: 2001 - base.count)).validate() }
        #expect(error?.field == "url")
    }

    @Test func shortSecretsAreRefused() {
        let error = #expect(throws: CareBridgeError.self) { try target("https://example.org", secret: String(repeating: "s", count: 31)).validate() }
        #expect(error?.field == "secret")
    }

    @Test func generatedSecretsAre32RandomBytesInBase64url() throws {
        let secrets = (0..<50).map { _ in WebhookSecret.generate() }
        #expect(Set(secrets).count == 50)
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for secret in secrets {
            #expect(secret.count == 43 && secret.allSatisfy(alphabet.contains))
            let base64 = secret.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "="
            #expect(try #require(Data(base64Encoded: base64)).count == 32)
        }
    }
}

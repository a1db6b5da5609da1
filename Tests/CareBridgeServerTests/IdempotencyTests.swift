import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("Idempotency-Key on API writes")
struct IdempotencyTests {
    static let key = HTTPField.Name("Idempotency-Key")!

    @Test("a retried registration with the same key returns the first answer and registers one person", arguments: TestDatabase.kinds)
    func retryRegistersOnce(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (token, _) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "retry.worker")
            let body: [String: Any] = ["givenName": "Lena", "familyName": "Orlova"]
            let first = try await client.send(.post, "/api/v1/people", token: token, headers: [Self.key: "reg-42"], json: body)
            let second = try await client.send(.post, "/api/v1/people", token: token, headers: [Self.key: "reg-42"], json: body)
            #expect(first.status == .created)
            #expect(second.status == .created)
            #expect(second.headers[.init("Idempotent-Replayed")!] == "true")
            #expect(try second.json()["id"] as? String == (try first.json()["id"] as? String))
            let writes = try await services.audit.list(AuditFilter(action: "identity.write"), limit: 10, before: nil)
            #expect(writes.items.count == 1)
        }
    }

    @Test("the same key for a different request is refused")
    func keyReuseIsRefused() async throws {
        try await TestApp.run(.sqlite) { client, _ in
            let admin = try await client.token("admin", TestApp.adminPassword)
            _ = try await client.send(.post, "/api/v1/organizations", token: admin, headers: [Self.key: "k1"],
                                      json: ["slug": "first-org", "kind": "ngo", "names": ["en": "First"]])
            let reused = try await client.send(.post, "/api/v1/people", token: admin, headers: [Self.key: "k1"],
                                               json: ["givenName": "A", "familyName": "B"])
            #expect(reused.status == .unprocessableContent)
            #expect(try reused.json()["field"] as? String == "Idempotency-Key")
        }
    }
}

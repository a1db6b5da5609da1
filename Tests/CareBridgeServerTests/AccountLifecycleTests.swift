import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("Account lifecycle")
struct AccountLifecycleTests {
    @Test("disabling an account revokes its tokens at once, and its sign-in says why", arguments: TestDatabase.kinds)
    func disablingRevokes(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, _ in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (token, _) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "leaving.worker")
            #expect(try await client.send(.get, "/api/v1/organizations", token: token).status == .ok)
            let users = try await client.send(.get, "/api/v1/users?limit=200", token: admin).json()["items"] as? [[String: Any]] ?? []
            let id = try #require(users.first { $0["username"] as? String == "leaving.worker" }?["id"] as? String)
            let disabled = try await client.send(.patch, "/api/v1/users/\(id)", token: admin, headers: [.ifMatch: "\"1\""], json: ["disabled": true])
            #expect(disabled.status == .ok)
            #expect(try await client.send(.get, "/api/v1/organizations", token: token).status == .unauthorized)
            let login = try await client.send(.post, "/api/v1/auth/token", json: ["username": "leaving.worker", "password": "password-leaving.worker"])
            #expect(login.status == .unauthorized)
            #expect(try login.json()["reason"] as? String == "account-disabled")
            // A wrong password for the disabled account does not reveal that it is disabled.
            let guess = try await client.send(.post, "/api/v1/auth/token", json: ["username": "leaving.worker", "password": "wrong-password"])
            #expect(try guess.json()["reason"] as? String == nil)
        }
    }
}

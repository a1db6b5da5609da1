@testable import CareBridgeServer
import CareBridgeCore
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import SQLKit
import Testing

/// A request with a token that checked out before starts on that token's identity while the token is checked again
/// beside it (`IdentityCache`, `CredentialCheck`). What users rely on: a token revoked, or an account changed, by
/// another server is refused on its very next request, and nothing that request did is stored or answered.
@Suite("Token checked beside the request")
struct TokenCheckAlongsideTests {
    static func alongside(_ configuration: inout AppConfiguration) { configuration.checksTokensAlongside = true }

    /// A clinician's API token, made by the administrator.
    static func clinician(_ name: String, _ client: TestClient) async throws -> String {
        let admin = try await client.token("admin", TestApp.adminPassword)
        return try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: name).0
    }

    static func count(_ table: String, _ services: AppServices) async throws -> Int {
        try await services.database.read { db in
            try await db.raw("SELECT count(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1
        }
    }

    @Test("a token revoked by another server is refused on its next request; that request stores, audits and shows nothing",
          arguments: TestDatabase.kinds)
    func revokedElsewhere(kind: DatabaseKind) async throws {
        try await TestApp.run(kind, configure: Self.alongside) { client, services in
            let token = try await Self.clinician("dr.petrova", client)
            let created = try await client.send(.post, "/api/v1/people", token: token,
                                                json: ["givenName": "Зарина", "familyName": "Каримова", "sex": "female", "birthYear": 1994])
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"] as? String)
            // Its identity is now remembered, so the next requests start on it.
            let remembered = try #require(services.identities.entry(forHash: TokenRepository.hash(token)))
            #expect(remembered.identity.user.username == "dr.petrova")

            // Another server revokes the token: this one's memory of it is untouched.
            try await services.database.write { db in _ = try await services.tokens.revoke(secret: token, now: Date(), in: db) }
            let people = try await Self.count("people", services)
            let events = try await Self.count("audit_events", services)

            let write = try await client.send(.post, "/api/v1/people", token: token,
                                              json: ["givenName": "Азиз", "familyName": "Каримов", "sex": "male", "birthYear": 1990])
            #expect(write.status == .unauthorized)
            #expect(try write.json()["title"] as? String == "Invalid token")
            #expect(try await Self.count("people", services) == people)

            // The refusal made this server forget the token. A read begun on its old identity, as on a server that has
            // not yet seen a refusal, shows nothing and is not audited as a read.
            #expect(services.identities.entry(forHash: TokenRepository.hash(token)) == nil)
            services.identities.remember(IdentityCache.Entry(identity: try #require(try await Self.identityBefore(revoking: token, services)), fingerprint: remembered.fingerprint),
                                         forHash: TokenRepository.hash(token))
            let read = try await client.send(.get, "/api/v1/people/\(id)", token: token)
            #expect(read.status == .unauthorized)
            #expect(!read.text.contains("Зарина"))
            #expect(try await Self.count("audit_events", services) == events)
        }
    }

    /// The identity `secret` had while it was live: its account and organization, read past the revocation.
    static func identityBefore(revoking secret: String, _ services: AppServices) async throws -> Identity? {
        let row = try await services.database.read { db in
            try await db.raw("SELECT user_id FROM auth_tokens WHERE token_hash = \(bind: TokenRepository.hash(secret))").first()
        }
        guard let userID = try row?.decode(column: "user_id", as: String.self), let uuid = UUID(uuidString: userID),
              let user = try await services.users.find(id: uuid)?.value,
              let organization = try await services.organizations.find(id: user.organizationID)?.value else { return nil }
        return Identity(user: user, organization: organization, via: .bearer)
    }

    @Test("an account whose role another server changed: the request begun on the old role does nothing, the next runs on the new one",
          arguments: TestDatabase.kinds)
    func roleChangedElsewhere(kind: DatabaseKind) async throws {
        try await TestApp.run(kind, configure: Self.alongside) { client, services in
            let token = try await Self.clinician("dr.sokolova", client)
            #expect(try await client.send(.get, "/api/v1/organizations", token: token).status == .ok)
            #expect(services.identities.entry(forHash: TokenRepository.hash(token))?.identity.user.role == .clinician)

            try await services.database.write { db in
                try await db.update("users").set("role", to: SQLBind(Role.analyst.rawValue)).where("username", .equal, SQLBind("dr.sokolova")).run()
            }
            let people = try await Self.count("people", services)
            let events = try await Self.count("audit_events", services)
            let begun = try await client.send(.post, "/api/v1/people", token: token,
                                              json: ["givenName": "Лейла", "familyName": "Рахимова", "sex": "female", "birthYear": 2001])
            #expect(begun.status == .unauthorized)
            #expect(try begun.json()["reason"] as? String == "credentials-changed")
            #expect(try await Self.count("people", services) == people)
            #expect(try await Self.count("audit_events", services) == events)

            // The check remembered the new role: the next request is decided for an analyst, who registers nobody.
            #expect(services.identities.entry(forHash: TokenRepository.hash(token))?.identity.user.role == .analyst)
            let next = try await client.send(.post, "/api/v1/people", token: token,
                                             json: ["givenName": "Лейла", "familyName": "Рахимова", "sex": "female", "birthYear": 2001])
            #expect(next.status == .forbidden)
            #expect(try await Self.count("people", services) == people)
        }
    }

    @Test("on PostgreSQL a known token's check rides on its request's first read (no look-up of its own), until the account changes",
          arguments: TestDatabase.kinds)
    func carriedByTheFirstRead(kind: DatabaseKind) async throws {
        try await TestApp.run(kind, configure: Self.alongside) { client, services in
            let token = try await Self.clinician("dr.orlova", client)
            let created = try await client.send(.post, "/api/v1/people", token: token,
                                                json: ["givenName": "Малика", "familyName": "Юсупова", "sex": "female", "birthYear": 1999])
            let id = try #require(try created.json()["id"] as? String)
            for _ in 0..<3 { #expect(try await client.send(.get, "/api/v1/people/\(id)", token: token).text.contains("Малика")) }
            let (carried, separate) = (services.counted("carebridge_token_rechecks_total", ["how": "carried"]), services.counted("carebridge_token_rechecks_total", ["how": "separate"]))
            // SQLite reads in process: there the check is always looked up by itself, which costs no round trip.
            #expect(kind == .postgres ? carried >= 3 : carried == 0)
            #expect(carried + separate >= 3)

            // The account's language changes: the next check finds another fingerprint and looks the token up by
            // itself, which passes (the same account, role and organization) and remembers the new language.
            try await services.database.write { db in
                try await db.update("users").set("preferred_language", to: SQLBind("ru")).where("username", .equal, SQLBind("dr.orlova")).run()
            }
            #expect(try await client.send(.get, "/api/v1/people/\(id)", token: token).status == .ok)
            #expect(services.counted("carebridge_token_rechecks_total", ["how": "separate"]) == separate + 1)
            #expect(services.identities.entry(forHash: TokenRepository.hash(token))?.identity.user.preferredLanguage == "ru")
            #expect(try await client.send(.get, "/api/v1/people/\(id)", token: token).status == .ok)
            #expect(services.counted("carebridge_token_rechecks_total", ["how": "carried"]) == carried + (kind == .postgres ? 1 : 0))
        }
    }
}

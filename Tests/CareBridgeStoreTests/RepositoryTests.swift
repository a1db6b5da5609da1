import CareBridgeCore
import CareBridgeStore
import CareBridgeTestSupport
import SQLKit
import Foundation
import Testing

@Suite("Organizations, users and tokens storage")
struct RepositoryTests {
    static func organization(_ slug: String, kind: OrganizationKind = .healthFacility) -> Organization {
        Organization(slug: slug, kind: kind, names: ["en": "Clinic \(slug)", "ru": "Клиника"], region: "BY-HM", createdAt: Date())
    }

    @Test("migrations run once and record themselves", arguments: TestDatabase.kinds)
    func migrationsAreIdempotent(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind, migrate: false) { (db: Database) async throws in
            #expect(try await Migrations.run(on: db) == ["foundation", "idempotency", "people-registry", "phone-key", "entitlements", "directory", "referrals", "webhooks", "health", "referral-outcomes", "surveillance", "interop", "measures"])
            #expect(try await Migrations.run(on: db).isEmpty)
        }
    }

    @Test("an organization round-trips with its names, and slugs are unique", arguments: TestDatabase.kinds)
    func organizationsRoundTrip(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let repository = OrganizationRepository(db)
            let clinic = Self.organization("minsk-5")
            try await db.write { [clinic] in try await repository.create(clinic, in: $0) }
            let found = try #require(try await repository.find(id: clinic.id))
            #expect(found.value.names["ru"] == "Клиника")
            #expect(found.value.kind == .healthFacility)
            #expect(found.version == 1)
            let error = await #expect(throws: CareBridgeError.self) {
                try await db.write { try await repository.create(Self.organization("minsk-5"), in: $0) }
            }
            #expect(error?.kind == .conflict)
            #expect(try await repository.count() == 1)
        }
    }

    @Test("an update with a stale version is refused and changes nothing", arguments: TestDatabase.kinds)
    func staleUpdateIsRefused(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let repository = OrganizationRepository(db)
            var clinic = Self.organization("brest-1")
            try await db.write { [clinic] in try await repository.create(clinic, in: $0) }
            clinic.names["en"] = "First edit"
            let version = try await db.write { [clinic] in try await repository.update(clinic, expectedVersion: 1, in: $0) }
            #expect(version == 2)
            clinic.names["en"] = "Second office's edit"
            let error = await #expect(throws: CareBridgeError.self) {
                try await db.write { [clinic] in try await repository.update(clinic, expectedVersion: 1, in: $0) }
            }
            #expect(error?.kind == .preconditionFailed)
            #expect(try await repository.find(id: clinic.id)?.value.names["en"] == "First edit")
        }
    }

    @Test("lists page through by cursor", arguments: TestDatabase.kinds)
    func organizationsPage(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let repository = OrganizationRepository(db)
            try await db.write { tx in for n in 0..<5 { try await repository.create(Self.organization("org-\(n)"), in: tx) } }
            let first = try await repository.list(limit: 2, after: nil)
            #expect(first.items.map(\.slug) == ["org-0", "org-1"])
            let second = try await repository.list(limit: 2, after: first.nextCursor)
            #expect(second.items.map(\.slug) == ["org-2", "org-3"])
            let last = try await repository.list(limit: 2, after: second.nextCursor)
            #expect(last.items.map(\.slug) == ["org-4"])
            #expect(last.nextCursor == nil)
        }
    }

    @Test("tokens are stored as hashes and stop working when expired or revoked", arguments: TestDatabase.kinds)
    func tokensExpireAndRevoke(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let clinic = Self.organization("token-clinic")
            let user = User(username: "nurse.a", organizationID: clinic.id, role: .clinician, createdAt: Date())
            let tokens = TokenRepository(db)
            let now = Date()
            let issued = try await db.write { tx in
                try await OrganizationRepository(db).create(clinic, in: tx)
                try await UserRepository(db).create(user, passwordHash: "$2b$04$x", in: tx)
                return try await tokens.issue(kind: .api, userID: user.id, lifetime: 60, now: now, in: tx)
            }
            #expect(try await tokens.resolve(secret: issued.secret, kind: .api, now: now)?.userID == user.id)
            #expect(try await tokens.resolve(secret: issued.secret, kind: .session, now: now) == nil)
            #expect(try await tokens.resolve(secret: issued.secret, kind: .api, now: now.addingTimeInterval(61)) == nil)
            #expect(try await db.write { try await tokens.revoke(secret: issued.secret, now: now, in: $0) })
            #expect(try await tokens.resolve(secret: issued.secret, kind: .api, now: now) == nil)
            let stored = try await db.read { try await $0.select().column("token_hash").from("auth_tokens").first()?.decode(column: "token_hash", as: String.self) }
            #expect(stored == TokenRepository.hash(issued.secret))
            #expect(stored != issued.secret)
        }
    }

    @Test("a user in a missing organization is refused by the foreign key", arguments: TestDatabase.kinds)
    func userNeedsOrganization(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { (db: Database) async throws in
            let user = User(username: "orphan", organizationID: UUID(), role: .clinician, createdAt: Date())
            let error = await #expect(throws: CareBridgeError.self) {
                try await db.write { try await UserRepository(db).create(user, passwordHash: "h", in: $0) }
            }
            #expect(error?.kind == .validation)
        }
    }
}

import CareBridgeCore
import Foundation
import SQLKit

/// Staff accounts, stored in `users`. Holds bcrypt hashes; never sees a password.
public struct UserRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    static let columns = ["id", "username", "organization_id", "role", "preferred_language", "disabled",
                          "last_login_at", "created_at", "version"]

    public func create(_ user: User, passwordHash: String, in db: any SQLDatabase) async throws {
        try user.validate()
        try await db.insert(into: "users").columns(Self.columns + ["password_hash"])
            .values(SQLBind(user.id.text), SQLBind(user.username), SQLBind(user.organizationID.text),
                    SQLBind(user.role.rawValue), SQLBind(user.preferredLanguage), SQLBind(user.disabled),
                    SQLBind(user.lastLoginAt?.millis), SQLBind(user.createdAt.millis), SQLBind(Int64(1)),
                    SQLBind(passwordHash))
            .run()
    }

    /// Changes role, language and the disabled flag if nobody changed the account since `expectedVersion`.
    public func update(_ user: User, expectedVersion: Int64, in db: any SQLDatabase) async throws -> Int64 {
        try user.validate()
        let rows = try await db.update("users")
            .set("role", to: SQLBind(user.role.rawValue))
            .set("preferred_language", to: SQLBind(user.preferredLanguage))
            .set("disabled", to: SQLBind(user.disabled))
            .set("version", to: SQLBind(expectedVersion + 1))
            .where("id", .equal, user.id.text).where("version", .equal, expectedVersion)
            .returning("version").all()
        guard !rows.isEmpty else {
            throw CareBridgeError(.preconditionFailed, title: "Edited elsewhere",
                                  detail: "The account was changed by someone else since you loaded it; reload and try again.")
        }
        return expectedVersion + 1
    }

    public func setPasswordHash(_ hash: String, userID: UUID, in db: any SQLDatabase) async throws {
        try await db.update("users").set("password_hash", to: SQLBind(hash)).where("id", .equal, userID.text).run()
    }

    public func recordLogin(userID: UUID, at date: Date, in db: any SQLDatabase) async throws {
        try await db.update("users").set("last_login_at", to: SQLBind(date.millis)).where("id", .equal, userID.text).run()
    }

    public func find(id: UUID) async throws -> Versioned<User>? {
        try await database.read { db in try await find(id: id, in: db) }
    }

    public func find(id: UUID, in db: any SQLDatabase) async throws -> Versioned<User>? {
        try await db.select().columns(Self.columns).from("users").where("id", .equal, id.text).first().map(Self.decode)
    }

    /// The account and its password hash, for checking a login.
    public func credentials(username: String) async throws -> (user: User, passwordHash: String)? {
        try await database.read { db in
            guard let row = try await db.select().columns(Self.columns + ["password_hash"]).from("users")
                .where("username", .equal, username).first() else { return nil }
            return (try Self.decode(row).value, try row.string("password_hash"))
        }
    }

    public func list(organizationID: UUID?, limit: Int, after cursor: String?) async throws -> Page<User> {
        try await database.read { db in
            var query = db.select().columns(Self.columns).from("users").orderBy("username").limit(limit + 1)
            if let organizationID { query = query.where("organization_id", .equal, organizationID.text) }
            if let cursor { query = query.where("username", .greaterThan, cursor) }
            let items = try await query.all().map(Self.decode).map(\.value)
            return Page(items: Array(items.prefix(limit)), nextCursor: items.count > limit ? items[limit - 1].username : nil)
        }
    }

    public func count() async throws -> Int {
        try await database.read { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users")
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    static func decode(_ row: any SQLRow) throws -> Versioned<User> {
        Versioned(User(
            id: try row.uuid("id"), username: try row.string("username"), organizationID: try row.uuid("organization_id"),
            role: try row.enumValue("role", as: Role.self), preferredLanguage: try row.string("preferred_language"),
            disabled: try row.bool("disabled"), lastLoginAt: try row.optionalDate("last_login_at"),
            createdAt: try row.date("created_at")), version: try row.int("version"))
    }
}

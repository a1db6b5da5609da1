import CareBridgeCore
import Crypto
import Foundation
import SQLKit

/// What a presented secret resolves to.
public enum TokenKind: String, Sendable {
    case api
    case session
}

/// API bearer tokens and web sessions. The secret goes to the client once; the database keeps
/// only its SHA-256, so a stolen database does not yield working tokens.
public struct TokenRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    public struct Issued: Sendable {
        public var secret: String
        public var csrfToken: String?
        public var expiresAt: Date
    }

    public struct Resolved: Sendable {
        public var userID: UUID
        public var kind: TokenKind
        public var csrfToken: String?
        public var expiresAt: Date
    }

    /// 32 random bytes, URL-safe base64: unguessable.
    public static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public static func hash(_ secret: String) -> String {
        Hex.encode(SHA256.hash(data: Data(secret.utf8)))
    }

    public func issue(kind: TokenKind, userID: UUID, lifetime: TimeInterval, now: Date, in db: any SQLDatabase) async throws -> Issued {
        let secret = Self.randomSecret()
        let csrf = kind == .session ? Self.randomSecret() : nil
        let expiresAt = now.addingTimeInterval(lifetime)
        try await db.insert(into: "auth_tokens")
            .columns("token_hash", "kind", "user_id", "csrf_token", "created_at", "expires_at", "revoked_at")
            .values(SQLBind(Self.hash(secret)), SQLBind(kind.rawValue), SQLBind(userID.text), SQLBind(csrf),
                    SQLBind(now.millis), SQLBind(expiresAt.millis), SQLBind(Int64?.none))
            .run()
        return Issued(secret: secret, csrfToken: csrf, expiresAt: expiresAt)
    }

    /// The live (unexpired, unrevoked) token of this kind, if any.
    public func resolve(secret: String, kind: TokenKind, now: Date) async throws -> Resolved? {
        try await database.read { db in
            guard let row = try await db.select().columns("user_id", "kind", "csrf_token", "expires_at").from("auth_tokens")
                .where("token_hash", .equal, Self.hash(secret)).where("kind", .equal, kind.rawValue)
                .where("revoked_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, now.millis)
                .first() else { return nil }
            return Resolved(userID: try row.uuid("user_id"), kind: kind, csrfToken: try row.optionalString("csrf_token"),
                            expiresAt: try row.date("expires_at"))
        }
    }

    /// The live token's account and organization in one query (this runs on every authenticated request), and their
    /// fingerprint (`rider`).
    public func resolveAccount(secret: String, kind: TokenKind, now: Date) async throws -> (user: User, organization: Organization, csrfToken: String?, fingerprint: String)? {
        try await database.read(.brief) { db in
            let rows = try await db.raw("""
                SELECT t.csrf_token AS csrf_token, u.id AS u_id, u.username AS u_username, u.organization_id AS u_org, u.role AS u_role,
                       u.preferred_language AS u_lang, u.disabled AS u_disabled, u.last_login_at AS u_last, u.created_at AS u_created,
                       o.slug AS o_slug, o.kind AS o_kind, o.names AS o_names, o.region AS o_region, o.created_at AS o_created,
                       \(unsafeRaw: Self.fingerprint) AS fingerprint
                \(Self.live(hash: Self.hash(secret), kind: kind, now: now))
                """).all()
            guard let row = rows.first else { return nil }
            let user = User(id: try row.uuid("u_id"), username: try row.string("u_username"), organizationID: try row.uuid("u_org"),
                            role: try row.enumValue("u_role", as: Role.self), preferredLanguage: try row.string("u_lang"),
                            disabled: try row.bool("u_disabled"), lastLoginAt: try row.optionalDate("u_last"), createdAt: try row.date("u_created"))
            let names = try JSONDecoder().decode([String: String].self, from: Data(try row.string("o_names").utf8))
            let organization = Organization(id: user.organizationID, slug: try row.string("o_slug"), kind: try row.enumValue("o_kind", as: OrganizationKind.self),
                                            names: names, region: try row.optionalString("o_region"), createdAt: try row.date("o_created"))
            return (user, organization, try row.optionalString("csrf_token"), try row.string("fingerprint"))
        }
    }

    /// Every column `resolveAccount` reads of the account and its organization, as one text: it changes whenever
    /// anything the resolved identity holds changes (the account disabled, its role, organization or language, a new
    /// sign-in, the organization's names...). Free text carries its length (-1: NULL), so that no two states of an account
    /// run together into the same text, whatever a name or language holds.
    static let fingerprint: String = {
        func text(_ column: String) -> String { "coalesce(length(\(column)), -1) || ':' || coalesce(\(column), '')" }
        return ["u.id", text("u.username"), "u.organization_id", "u.role", text("u.preferred_language"), "u.disabled",
                "coalesce(u.last_login_at, -1)", "u.created_at", text("o.slug"), "o.kind", text("o.names"), text("o.region"), "o.created_at"]
            .joined(separator: " || '|' || ")
    }()

    /// The live token's row joined to its account and organization.
    static func live(hash: String, kind: TokenKind, now: Date) -> SQLQueryString {
        """
        FROM auth_tokens t JOIN users u ON u.id = t.user_id JOIN organizations o ON o.id = u.organization_id
        WHERE t.token_hash = \(bind: hash) AND t.kind = \(bind: kind.rawValue) AND t.revoked_at IS NULL AND t.expires_at > \(bind: now.millis)
        """
    }

    /// The check that the token with this hash still resolves to what it resolved to, as a scalar subquery another statement can carry
    /// (`CredentialCheck`): its value is `fingerprint` (from `resolveAccount`) while the token is live and nothing of
    /// its account or organization changed.
    public static func rider(hash: String, kind: TokenKind, now: Date, fingerprint: String) -> CredentialCheck.Rider {
        CredentialCheck.Rider(value: "SELECT \(unsafeRaw: Self.fingerprint) \(live(hash: hash, kind: kind, now: now))" as SQLQueryString, expected: fingerprint)
    }

    /// Revokes the token; returns whether a live one was revoked.
    public func revoke(secret: String, now: Date, in db: any SQLDatabase) async throws -> Bool {
        let rows = try await db.update("auth_tokens").set("revoked_at", to: SQLBind(now.millis))
            .where("token_hash", .equal, Self.hash(secret)).where("revoked_at", .is, SQLLiteral.null)
            .returning("user_id").all()
        return !rows.isEmpty
    }

    /// Revokes every token of a user (when the account is disabled).
    public func revokeAll(userID: UUID, now: Date, in db: any SQLDatabase) async throws {
        try await db.update("auth_tokens").set("revoked_at", to: SQLBind(now.millis))
            .where("user_id", .equal, userID.text).where("revoked_at", .is, SQLLiteral.null).run()
    }
}

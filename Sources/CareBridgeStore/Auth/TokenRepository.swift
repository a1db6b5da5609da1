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
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
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

import CareBridgeCore
import Foundation
import SQLKit

/// Claims and completes `Idempotency-Key`s per user.
public struct IdempotencyRepository: Sendable {
    let database: Database
    public init(_ database: Database) { self.database = database }

    public enum Claim: Sendable {
        /// First time: run the request, then `complete` or `release`.
        case new
        /// Seen and finished: answer with the stored response.
        case replay(status: Int, contentType: String?, body: String)
        /// The same key names a different request.
        case mismatch
        /// The first request with this key is still running.
        case inProgress
    }

    public func claim(userID: UUID, key: String, method: String, path: String, now: Date) async throws -> Claim {
        try await database.write(.brief) { db in
            if let row = try await db.select().columns("method", "path", "status", "content_type", "body").from("idempotency_keys")
                .where("user_id", .equal, userID.text).where("key", .equal, key).first() {
                guard try row.string("method") == method, try row.string("path") == path else { return .mismatch }
                let status = try row.int("status")
                if status == 0 { return .inProgress }
                return .replay(status: Int(status), contentType: try row.optionalString("content_type"), body: try row.optionalString("body") ?? "")
            }
            try await db.insert(into: "idempotency_keys").columns("user_id", "key", "method", "path", "status", "created_at")
                .values(SQLBind(userID.text), SQLBind(key), SQLBind(method), SQLBind(path), SQLBind(Int64(0)), SQLBind(now.millis)).run()
            return .new
        }
    }

    public func complete(userID: UUID, key: String, status: Int, contentType: String?, body: String) async throws {
        try await database.write(.brief) { db in
            try await db.update("idempotency_keys").set("status", to: SQLBind(Int64(status)))
                .set("content_type", to: SQLBind(contentType)).set("body", to: SQLBind(body))
                .where("user_id", .equal, userID.text).where("key", .equal, key).run()
        }
    }

    /// Forgets a claim whose request failed on the server's side, so a retry runs again.
    public func release(userID: UUID, key: String) async throws {
        try await database.write(.brief) { db in
            try await db.delete(from: "idempotency_keys").where("user_id", .equal, userID.text).where("key", .equal, key).run()
        }
    }
}

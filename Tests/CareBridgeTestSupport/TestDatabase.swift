import CareBridgeCore
import CareBridgeStore
import Foundation
import Logging
import PostgresNIO

/// The databases every store test runs on: SQLite always, PostgreSQL when
/// CAREBRIDGE_TEST_POSTGRES_URL names a server (as `.ci/run` does).
public enum TestDatabase {
    public static var kinds: [DatabaseKind] {
        ProcessInfo.processInfo.environment["CAREBRIDGE_TEST_POSTGRES_URL"].map { $0.isEmpty ? [.sqlite] : [.sqlite, .postgres] } ?? [.sqlite]
    }

    /// A fresh, migrated database of `kind`, removed again after `body`.
    public static func with<T>(_ kind: DatabaseKind, migrate: Bool = true, _ body: (Database) async throws -> T) async throws -> T {
        let (url, cleanup) = try await freshURL(kind)
        let database = try await Database.open(url: url, logger: Logger(label: "test"))
        do {
            if migrate { try await Migrations.run(on: database) }
            let result = try await body(database)
            await database.close()
            try await cleanup()
            return result
        } catch {
            await database.close()
            try? await cleanup()
            throw error
        }
    }

    /// A URL of an empty database: a temporary SQLite file, or a new PostgreSQL database.
    public static func freshURL(_ kind: DatabaseKind) async throws -> (String, @Sendable () async throws -> Void) {
        let name = "cb_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        switch kind {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(String(name))
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return (directory.appendingPathComponent("test.sqlite").path, { try? FileManager.default.removeItem(at: directory) })
        case .postgres:
            let base = ProcessInfo.processInfo.environment["CAREBRIDGE_TEST_POSTGRES_URL"]!
            try await PostgresAdmin.execute("CREATE DATABASE \(name)", url: base)
            var components = URLComponents(string: base)!
            components.path = "/" + name
            return (components.string!, { try await PostgresAdmin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", url: base) })
        }
    }
}

/// Runs one statement on the server named by `url`, outside any pool (CREATE DATABASE cannot run in a transaction).
public enum PostgresAdmin {
    public static func execute(_ sql: String, url: String) async throws {
        _ = try await integer(sql, url: url)
    }

    /// Runs one statement and returns its first row's first column as an integer (nil without one).
    public static func integer(_ sql: String, url: String) async throws -> Int64? {
        let components = URLComponents(string: url)!
        let configuration = PostgresConnection.Configuration(
            host: components.host ?? "127.0.0.1", port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: String(components.path.dropFirst()), tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Logger(label: "test-admin"))
        do {
            var value: Int64?
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test-admin")) where value == nil {
                value = try row.decode(Int64?.self) ?? nil
            }
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

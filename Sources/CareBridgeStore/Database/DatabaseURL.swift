import CareBridgeCore
import Foundation
import PostgresKit
import PostgresNIO

/// Parses `DATABASE_URL`: `postgres://user:pass@host:port/db`, `sqlite:PATH`, or a plain path.
enum DatabaseURL {
    case sqlite(path: String)
    case postgres(PostgresClient.Configuration)

    init(_ text: String) throws {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            let sqlConfiguration: SQLPostgresConfiguration
            do { sqlConfiguration = try SQLPostgresConfiguration(url: text) } catch {
                throw CareBridgeError(.badRequest, title: "Bad DATABASE_URL",
                                      detail: "DATABASE_URL is not a valid PostgreSQL URL (postgres://user:password@host:5432/database).")
            }
            let core = sqlConfiguration.coreConfiguration
            guard let host = core.host else {
                throw CareBridgeError(.badRequest, title: "Bad DATABASE_URL", detail: "DATABASE_URL names no PostgreSQL host.")
            }
            var configuration = PostgresClient.Configuration(
                host: host, port: core.port ?? 5432, username: core.username, password: core.password,
                database: core.database, tls: .disable)
            if text.contains("sslmode=require") { configuration.tls = .require(.makeClientConfiguration()) }
            configuration.options.maximumConnections = 16
            self = .postgres(configuration)
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "", options: .anchored)
            guard !path.isEmpty else { throw CareBridgeError(.badRequest, title: "Bad DATABASE_URL", detail: "sqlite: URL names no file.") }
            self = .sqlite(path: path)
        } else if text.contains("://") {
            throw CareBridgeError(.badRequest, title: "Bad DATABASE_URL",
                                  detail: "DATABASE_URL '\(text.prefix(40))...' is neither postgres:// nor sqlite:PATH.")
        } else {
            self = .sqlite(path: text)
        }
    }
}

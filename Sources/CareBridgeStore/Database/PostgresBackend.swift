import CareBridgeCore
import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through PostgresNIO's pooled `PostgresClient`, presented as SQLKit databases
/// (postgres-kit only wraps single connections, so we lease one per read or transaction).
final class PostgresBackend: DatabaseBackend {
    let client: PostgresClient
    let runTask: Task<Void, Never>

    init(client: PostgresClient) {
        self.client = client
        self.runTask = Task { await client.run() }
    }

    static func open(_ configuration: PostgresClient.Configuration, logger: Logger) async throws -> PostgresBackend {
        let backend = PostgresBackend(client: PostgresClient(configuration: configuration, backgroundLogger: logger))
        // Fail at start-up, with the server's own words, rather than on the first request.
        do {
            try await backend.client.withConnection { connection in
                _ = try await connection.query("SELECT 1", logger: logger)
            }
        } catch {
            await backend.close()
            let why = (error as? PSQLError)?.serverInfo?[.message]
                ?? (String(describing: error).contains("CircuitBreaker") ? "no server answered (refused or unreachable)" : String(describing: error))
            throw CareBridgeError(.unavailable, title: "Database unavailable",
                                  detail: "Cannot connect to PostgreSQL at \(configuration.host ?? "?"):\(configuration.port ?? 5432): \(why)")
        }
        return backend
    }

    func read<T: Sendable>(_ span: Database.Span, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in try await body(connection.sql()) }
    }

    func transaction<T: Sendable>(_ span: Database.Span, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in try await inTransaction(connection.sql(), begin: "BEGIN", body) }
    }

    func close() async {
        runTask.cancel()
        _ = await runTask.value
    }
}

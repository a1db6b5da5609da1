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
            let server = configuration.unixSocketPath ?? "\(configuration.host ?? "?"):\(configuration.port ?? 5432)"
            let why = (error as? PSQLError)?.serverInfo?[.message]
                ?? (String(describing: error).contains("CircuitBreaker") ? "no server answered (refused or unreachable)" : String(describing: error))
            throw CareBridgeError(.unavailable, title: "Database unavailable",
                                  detail: "Cannot connect to PostgreSQL at \(server): \(why)")
        }
        return backend
    }

    func read<T: Sendable>(_ span: Database.Span, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await Self.run(span, on: connection) { try await body(Self.database(span, connection)) }
        }
    }

    /// Without BEGIN, PostgreSQL commits each statement as it runs (its default).
    func autocommit<T: Sendable>(_ span: Database.Span, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await read(span, body)
    }

    func transaction<T: Sendable>(_ span: Database.Span, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await Self.run(span, on: connection) { try await inTransaction(Self.database(span, connection), begin: "BEGIN", body) }
        }
    }

    /// A brief or queued body's statements run prepared (PreparedPostgresDatabase).
    private static func database(_ span: Database.Span, _ connection: PostgresConnection) -> any SQLDatabase {
        span != .unbounded ? PreparedPostgresDatabase(connection) : connection.sql()
    }

    /// A brief or queued body runs on its connection's event loop (EventLoopExecutor); anything longer stays on
    /// Swift's threads, so that it never holds up the loop's other connections.
    private static func run<T: Sendable>(_ span: Database.Span, on connection: PostgresConnection,
                                         _ body: () async throws -> T) async throws -> T {
        guard span != .unbounded else { return try await body() }
        return try await withTaskExecutorPreference(EventLoopExecutor(connection.eventLoop), operation: body)
    }

    func close() async {
        runTask.cancel()
        _ = await runTask.value
    }
}

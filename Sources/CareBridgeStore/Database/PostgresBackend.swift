import CareBridgeCore
import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLKit
import NIOPosix
import Synchronization

/// PostgreSQL through PostgresNIO's pooled `PostgresClient`, presented as SQLKit databases
/// (postgres-kit only wraps single connections, so we lease one per read or transaction).
///
/// One pool per event loop of NIO's shared group, each with its share of the connections: a request runs on its HTTP
/// connection's loop (`OnItsLoop` in the server) and leases a database connection served by that same loop, so a
/// statement is written, answered and resumed on one thread.
final class PostgresBackend: DatabaseBackend {
    private let clients: [ObjectIdentifier: PostgresClient]
    private let allClients: [PostgresClient]
    private let runTasks: [Task<Void, Never>]
    private let turn = Atomic<Int>(0)

    private init(configuration: PostgresClient.Configuration, logger: Logger) {
        // At least two connections per pool, so that the total stays the configured maximum on a machine of many
        // cores; requests on the loops left without a pool take the pools in turn.
        let maximum = configuration.options.maximumConnections
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator().prefix(max(1, maximum / 2)))
        var clients: [ObjectIdentifier: PostgresClient] = [:]
        var all: [PostgresClient] = []
        for loop in loops {
            var each = configuration
            each.options.maximumConnections = max(1, maximum / loops.count)
            // One connection per pool stays open for good. PostgresNIO parks any connection above the minimum with an
            // idle-timeout timer, a task on Swift's global executor that the next lease cancels; without this one, each
            // statement of a request would pay for such a timer (BENCHMARKS.md, "The connection pool's timers"). Two per
            // pool measured the same, and each test database would hold twice the connections.
            each.options.minimumConnections = min(Self.keptOpen, each.options.maximumConnections)
            let client = PostgresClient(configuration: each, eventLoopGroup: loop, backgroundLogger: logger)
            clients[ObjectIdentifier(loop)] = client
            all.append(client)
        }
        self.clients = clients
        self.allClients = all
        self.runTasks = all.map { client in Task { await client.run() } }
    }

    /// Connections each pool keeps open however idle.
    static let keptOpen = 1

    /// How many pools: one per event loop, up to half the configured connections.
    var poolCount: Int { allClients.count }

    /// The pool of the event loop this code runs on; elsewhere (background work on Swift's threads) each in turn.
    private var client: PostgresClient {
        if let loop = MultiThreadedEventLoopGroup.currentEventLoop, let client = clients[ObjectIdentifier(loop)] { return client }
        return allClients[turn.add(1, ordering: .relaxed).oldValue % allClients.count]
    }

    /// Opens the pools after one connection of their own (`probe`, the same server and credentials) has succeeded,
    /// so that a wrong port, user, password or database fails at once with the server's own words; through the pool
    /// it would fail only after its circuit breaker had tripped (15 seconds of retries), saying no more than that.
    static func open(_ configuration: PostgresClient.Configuration, probe: PostgresConnection.Configuration,
                     logger: Logger) async throws -> PostgresBackend {
        do {
            let connection = try await PostgresConnection.connect(configuration: probe, id: 0, logger: logger)
            try await connection.close()
        } catch {
            let server = configuration.unixSocketPath ?? "\(configuration.host ?? "?"):\(configuration.port ?? 5432)"
            throw CareBridgeError(.unavailable, title: "Database unavailable",
                                  detail: "Cannot connect to PostgreSQL at \(server): \(reason(error))")
        }
        return PostgresBackend(configuration: configuration, logger: logger)
    }

    /// What went wrong, in words: the server's message (a database that does not exist, a failed password), else
    /// the network's (connection refused, no such socket file, no such host), never PSQLError's deliberately bare
    /// description.
    static func reason(_ error: any Error) -> String {
        switch error {
        case let failure as PSQLError:
            if let message = failure.serverInfo?[.message] { return message }
            return failure.underlying.map(reason) ?? String(describing: failure.code)
        case let connecting as NIOConnectionError:
            if let last = connecting.connectionErrors.last { return reason(last.error) }
            if let lookup = connecting.dnsAError ?? connecting.dnsAAAAError { return String(describing: lookup) }
        case let system as IOError:
            return String(cString: strerror(system.errnoCode))
        default:
            break
        }
        return String(describing: error)
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
        for task in runTasks { task.cancel() }
        for task in runTasks { _ = await task.value }
    }
}

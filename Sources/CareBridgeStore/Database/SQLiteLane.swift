import CareBridgeCore
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// One SQLite connection with a thread of its own. Whoever leases the lane runs its whole body there, each statement
/// a plain call on that thread, so a request's database work costs one thread hand-off in and one out. Through
/// SQLiteNIO every statement went to a thread pool and back, and every row through an event loop: session 16 measured
/// that a referral step's eight statements spent more time in hand-offs between threads than in SQLite.
final class SQLiteLane: Sendable {
    let handle: SQLiteHandle
    let executor: ThreadExecutor
    let database: SQLiteLaneDatabase

    init(path: String, logger: Logger) throws {
        handle = try SQLiteHandle(path: path)
        executor = ThreadExecutor(threads: 1, name: "cb-sqlite")
        database = SQLiteLaneDatabase(handle: handle, logger: logger, eventLoop: MultiThreadedEventLoopGroup.singleton.any())
    }

    /// Runs `body` on the lane's thread; the caller holds the lane (ConnectionQueue) for the duration.
    func run<T: Sendable>(_ body: (SQLiteLaneDatabase) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(executor) { try await body(database) }
    }

    func close() async {
        try? await run { $0.handle.close() }
        executor.shutdown()
    }
}

/// The SQLDatabase of a lane: SQLKit's queries, serialized in SQLite's dialect and run at once on the calling thread.
struct SQLiteLaneDatabase: SQLDatabase {
    let handle: SQLiteHandle
    let logger: Logger
    let eventLoop: any EventLoop

    static let encoder = SQLiteDataEncoder()

    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { .debug }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try run(query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> ()) throws {
        let (sql, binds) = serialize(query)
        logger.debug("Executing query", metadata: ["sql": .string(sql)])
        try handle.query(sql, try binds.map { try Self.encoder.encode($0) }) { onRow($0) }
    }
}

import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// The SQLDatabase a SQLite write transaction runs on. It forwards everything to SQLKit and also
/// carries the raw connection, for bulk inserts (BulkInsert) that bind values directly instead of through SQLKit's encoder.
struct SQLiteTransaction: SQLDatabase {
    let base: any SQLDatabase
    let connection: SQLiteConnection
    /// The threads SQLite's blocking calls run on (the connection's own), for work done on its raw handle.
    let threadPool: NIOThreadPool

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await base.execute(sql: query, onRow)
    }
}

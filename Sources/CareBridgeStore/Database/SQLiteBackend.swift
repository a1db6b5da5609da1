import CareBridgeCore
import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLite in WAL mode: one writer connection (SQLite allows one writer at a time, so queueing
/// writers here is fairer and faster than letting them spin on the file lock) and several readers,
/// which WAL lets run beside the writer.
struct SQLiteBackend: DatabaseBackend {
    let writer: ConnectionQueue<SQLiteConnection>
    let readers: ConnectionQueue<SQLiteConnection>
    let readerCount: Int
    /// Our own threads for SQLite's blocking calls: with the shared pool (two threads on two cores),
    /// a writer waiting on a checkpoint's fsync held up every read behind it (p99 of 190 ms measured).
    let threadPool: NIOThreadPool
    let checkpointer: Checkpointer

    static func open(path: String, readerCount: Int = 4, synchronous: String = "NORMAL", logger: Logger) async throws -> SQLiteBackend {
        try checkWritable(path: path)
        let threadPool = NIOThreadPool(numberOfThreads: readerCount + 2)
        threadPool.start()
        do {
            return try await open(path: path, readerCount: readerCount, threadPool: threadPool, synchronous: synchronous, logger: logger)
        } catch {
            try? await threadPool.shutdownGracefully()
            throw error
        }
    }

    static func open(path: String, readerCount: Int, threadPool: NIOThreadPool, synchronous: String = "NORMAL", logger: Logger) async throws -> SQLiteBackend {
        let writer = try await connect(path: path, threadPool: threadPool, synchronous: synchronous, logger: logger)
        // WAL is a property of the file: set it once, from the writer, before readers open.
        _ = try await run(writer, "PRAGMA journal_mode = WAL", path: path)
        // Checkpoints move out of the commit path (measured: a commit that ran the automatic checkpoint
        // took p99 from 4 ms to 21 ms); a background connection checkpoints instead.
        _ = try await run(writer, "PRAGMA wal_autocheckpoint = 0", path: path)
        var readers: [SQLiteConnection] = []
        for _ in 0..<readerCount { readers.append(try await connect(path: path, threadPool: threadPool, synchronous: synchronous, logger: logger)) }
        let checkpointer = Checkpointer(connection: try await connect(path: path, threadPool: threadPool, synchronous: synchronous, logger: logger), logger: logger)
        return SQLiteBackend(writer: ConnectionQueue([writer]), readers: ConnectionQueue(readers), readerCount: readerCount,
                             threadPool: threadPool, checkpointer: checkpointer)
    }

    /// Every connection gets the same settings: foreign keys on, a busy timeout instead of failing at once,
    /// and NORMAL sync, which in WAL mode is durable against application crashes (https://sqlite.org/pragma.html#pragma_synchronous);
    /// OFF only for a bulk load that asked for it (Database.open's `relaxedDurability`).
    static func connect(path: String, threadPool: NIOThreadPool, synchronous: String = "NORMAL", logger: Logger) async throws -> SQLiteConnection {
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, logger: logger,
                                                         on: MultiThreadedEventLoopGroup.singleton.any())
        } catch {
            throw CareBridgeError(.unavailable, title: "Database unavailable",
                                  detail: "Cannot open the SQLite database at \(path): \(error)")
        }
        // A 64 MiB page cache keeps index pages of the audit log in memory; statement journals in memory
        // spare a temporary file per multi-row insert. A writer waits up to 30 s for another process's write (a
        // command-line import beside the server): 5 s was not enough for a busy two-core machine (a CI run failed so).
        for pragma in ["PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 30000", "PRAGMA synchronous = \(synchronous)",
                       "PRAGMA cache_size = -65536", "PRAGMA temp_store = MEMORY", "PRAGMA journal_size_limit = 67108864"] {
            _ = try await run(connection, pragma, path: path)
        }
        return connection
    }

    static func run(_ connection: SQLiteConnection, _ sql: String, path: String) async throws -> [SQLiteRow] {
        do { return try await connection.query(sql, []) } catch {
            throw StorageErrors.map(error, context: "SQLite database at \(path)")
        }
    }

    /// Fails early and clearly when the file or its directory cannot be written (WAL needs both).
    static func checkWritable(path: String) throws {
        let fm = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        let dir = directory.isEmpty ? "." : directory
        guard fm.fileExists(atPath: dir) else {
            throw CareBridgeError(.unavailable, title: "Database unavailable", detail: "The directory \(dir) for the SQLite database does not exist.")
        }
        if fm.fileExists(atPath: path) {
            guard fm.isWritableFile(atPath: path) else {
                throw CareBridgeError(.unavailable, title: "Database unavailable", detail: "The SQLite database \(path) is read-only: CareBridge needs to write to it.")
            }
        }
        guard fm.isWritableFile(atPath: dir) else {
            throw CareBridgeError(.unavailable, title: "Database unavailable", detail: "The directory \(dir) is read-only: SQLite needs to create its journal files there.")
        }
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await readers.with { try await body($0.sql()) }
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writer.with { connection in
            // IMMEDIATE takes the write lock now, so a second process waits at BEGIN, not mid-transaction.
            try await inTransaction(SQLiteTransaction(base: connection.sql(), connection: connection, threadPool: threadPool), begin: "BEGIN IMMEDIATE", body)
        }
    }

    func close() async {
        await checkpointer.stop()
        // The future-based close finishes even when the calling task is being cancelled (at shutdown).
        for connection in await readers.drain(count: readerCount) { try? await connection.close().get() }
        for connection in await writer.drain(count: 1) { try? await connection.close().get() }
        try? await threadPool.shutdownGracefully()
    }
}

/// Copies the WAL back into the database file without blocking readers or the writer (PASSIVE),
/// every 100 ms by default (`CAREBRIDGE_CHECKPOINT_MS`), and truncates the WAL when the database closes.
/// Small, frequent checkpoints keep each fsync short: measured at 1,000 GET/s, p99 2.0 ms checkpointing
/// every 100 ms against 25 ms every 5 s, whose large fsyncs stall the writer's commits.
final class Checkpointer: Sendable {
    let connection: SQLiteConnection
    let task: Task<Void, Never>

    init(connection: SQLiteConnection, logger: Logger) {
        self.connection = connection
        self.task = Task {
            let millis = UInt64(ProcessInfo.processInfo.environment["CAREBRIDGE_CHECKPOINT_MS"].flatMap(UInt64.init) ?? 100)
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: millis * 1_000_000)
                if Task.isCancelled { break }
                do { _ = try await connection.query("PRAGMA wal_checkpoint(PASSIVE)").get() } catch {
                    logger.warning("SQLite checkpoint failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    func stop() async {
        task.cancel()
        _ = await task.value
        _ = try? await connection.query("PRAGMA wal_checkpoint(TRUNCATE)").get()
        try? await connection.close().get()
    }
}

import CareBridgeCore
import Foundation
import Logging
import SQLKit

/// SQLite in WAL mode: one writer connection (SQLite allows one writer at a time, so queueing
/// writers here is fairer and faster than letting them spin on the file lock) and several readers,
/// which WAL lets run beside the writer. Each connection is a lane with its own thread (SQLiteLane).
struct SQLiteBackend: DatabaseBackend {
    let writer: ConnectionQueue<SQLiteLane>
    let readers: ConnectionQueue<SQLiteLane>
    let readerCount: Int
    let checkpointer: Checkpointer

    /// How long a writer waits for another process's write lock (a command-line import beside the server): 5 s was
    /// not enough for a busy two-core machine (a CI run failed so).
    static let busyTimeoutMillis: Int32 = 30_000

    static func open(path: String, readerCount: Int = 4, synchronous: String = "NORMAL", logger: Logger) async throws -> SQLiteBackend {
        try checkWritable(path: path)
        let interval = try Checkpointer.interval()
        var lanes: [SQLiteLane] = []
        do {
            let writer = try await connect(path: path, synchronous: synchronous, logger: logger)
            lanes.append(writer)
            try await writer.run { db in
                // WAL is a property of the file: set it once, from the writer, before readers open.
                try db.handle.query("PRAGMA journal_mode = WAL")
                // Checkpoints move out of the commit path (measured: a commit that ran the automatic checkpoint
                // took p99 from 4 ms to 21 ms); a background connection checkpoints instead.
                try db.handle.query("PRAGMA wal_autocheckpoint = 0")
            }
            for _ in 0..<readerCount { lanes.append(try await connect(path: path, synchronous: synchronous, logger: logger)) }
            let checkpointer = Checkpointer(lane: try await connect(path: path, synchronous: synchronous, logger: logger),
                                            every: interval, logger: logger)
            return SQLiteBackend(writer: ConnectionQueue([writer]), readers: ConnectionQueue(Array(lanes.dropFirst())), readerCount: readerCount,
                                 checkpointer: checkpointer)
        } catch {
            for lane in lanes { await lane.close() }
            throw error
        }
    }

    /// Every connection gets the same settings: foreign keys on, a busy timeout instead of failing at once,
    /// and NORMAL sync, which in WAL mode is durable against application crashes (https://sqlite.org/pragma.html#pragma_synchronous);
    /// OFF only for a bulk load that asked for it (Database.open's `relaxedDurability`).
    static func connect(path: String, synchronous: String = "NORMAL", logger: Logger) async throws -> SQLiteLane {
        let lane = try SQLiteLane(path: path, logger: logger)
        do {
            // A 64 MiB page cache keeps index pages of the audit log in memory; statement journals in memory
            // spare a temporary file per multi-row insert.
            try await lane.run { db in
                for pragma in ["PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = \(busyTimeoutMillis)", "PRAGMA synchronous = \(synchronous)",
                               "PRAGMA cache_size = -65536", "PRAGMA temp_store = MEMORY", "PRAGMA journal_size_limit = 67108864"] {
                    try db.handle.query(pragma)
                }
            }
        } catch {
            await lane.close()
            throw error
        }
        return lane
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

    func read<T: Sendable>(_ span: Database.Span, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await readers.with { lane in
            span == .brief ? try await body(lane.database) : try await lane.run { try await body($0) }
        }
    }

    func transaction<T: Sendable>(_ span: Database.Span, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writer.with { lane in
            if span == .brief, try lane.handle.beginImmediateWithoutWaiting(restoringTimeout: Self.busyTimeoutMillis) {
                return try await inTransaction(lane.database, begin: nil, body)
            }
            // IMMEDIATE takes the write lock now, so a second process waits at BEGIN, not mid-transaction.
            return try await lane.run { try await inTransaction($0, begin: "BEGIN IMMEDIATE", body) }
        }
    }

    /// SQLite has one writer connection: a write outside a transaction is a transaction of its own anyway.
    func autocommit<T: Sendable>(_ span: Database.Span, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(span, body)
    }

    func close() async {
        await checkpointer.stop()
        for lane in await readers.drain(count: readerCount) { await lane.close() }
        for lane in await writer.drain(count: 1) { await lane.close() }
    }
}

/// Copies the WAL back into the database file without blocking readers or the writer (PASSIVE),
/// every 100 ms by default (`CAREBRIDGE_CHECKPOINT_MS`), and truncates the WAL when the database closes.
/// Small, frequent checkpoints keep each fsync short: measured at 1,000 GET/s, p99 2.0 ms checkpointing
/// every 100 ms against 25 ms every 5 s, whose large fsyncs stall the writer's commits.
final class Checkpointer: Sendable {
    let lane: SQLiteLane
    let task: Task<Void, Never>

    /// The milliseconds between checkpoints: `CAREBRIDGE_CHECKPOINT_MS`, else 100. Zero or a value that is not a whole
    /// number is refused, not passed over (zero would checkpoint without pause).
    static func interval(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> UInt64 {
        try Validation.named(environment["CAREBRIDGE_CHECKPOINT_MS"], "CAREBRIDGE_CHECKPOINT_MS",
                             expected: "a whole number of milliseconds above 0", Validation.positive) ?? 100
    }

    init(lane: SQLiteLane, every millis: UInt64, logger: Logger) {
        self.lane = lane
        self.task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: millis * 1_000_000)
                if Task.isCancelled { break }
                do { try await lane.run { try $0.handle.query("PRAGMA wal_checkpoint(PASSIVE)") } } catch {
                    logger.warning("SQLite checkpoint failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    func stop() async {
        task.cancel()
        _ = await task.value
        _ = try? await lane.run { try $0.handle.query("PRAGMA wal_checkpoint(TRUNCATE)") }
        await lane.close()
    }
}

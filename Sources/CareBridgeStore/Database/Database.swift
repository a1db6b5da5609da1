import CareBridgeCore
import Foundation
import Logging
import SQLKit
import Synchronization

/// The one way CareBridge talks to its database: `read` for queries, `write` for a transaction.
/// Both engines (embedded SQLite, production PostgreSQL) sit behind it, so every repository
/// has a single code path.
public final class Database: Sendable {
    public let kind: DatabaseKind
    let backend: any DatabaseBackend
    public let logger: Logger
    private let closed = Mutex(false)
    /// The audit chain's head as this process last wrote it: AuditRepository appends from it with a conditional
    /// update and reads the stored head only when another process (or a rolled-back transaction) moved it.
    let auditHead = Mutex<(sequence: Int64, hash: String)?>(nil)

    init(kind: DatabaseKind, backend: any DatabaseBackend, logger: Logger) {
        self.kind = kind
        self.backend = backend
        self.logger = logger
    }

    /// Opens the database named by `url`: a `postgres://` URL, `sqlite:PATH`, or a plain file path.
    /// `relaxedDurability` (SQLite, for bulk loads such as `carebridge demo`): this process's connections never fsync
    /// (synchronous = OFF), so copying a large WAL back at close does not wait for the disk. An application crash still
    /// loses nothing committed; an operating-system crash or power cut before the kernel has written the file out
    /// (about half a minute) can damage it. Other processes opening the file keep their own setting (NORMAL).
    public static func open(url: String, logger: Logger = Logger(label: "carebridge.db"), relaxedDurability: Bool = false) async throws -> Database {
        switch try DatabaseURL(url) {
        case .sqlite(let path):
            return Database(kind: .sqlite, backend: try await SQLiteBackend.open(path: path, synchronous: relaxedDurability ? "OFF" : "NORMAL", logger: logger),
                            logger: logger)
        case .postgres(let configuration, let probe):
            return Database(kind: .postgres, backend: try await PostgresBackend.open(configuration, probe: probe, logger: logger),
                            logger: logger)
        }
    }

    /// How long a body holds its connection, which decides on SQLite where it runs.
    /// - `brief`: a few statements found by key (the token look-up, a record and its consents, a referral's step). It
    ///   runs on the calling thread, sparing the hand-off to the connection's thread and back: on two cores, a
    ///   referral step made three such round trips, and running them in place took its p50 from 2.5 to 2.1 ms
    ///   (BENCHMARKS.md, 2026-11-30). A brief write never waits there for another process's write lock: if one holds
    ///   it, the transaction goes to the connection's thread and waits as any other.
    /// - `queued`: a brief body whose caller must suspend while it runs, so that others can queue behind it: the
    ///   audit log's group commit batched nothing as a brief write on SQLite when one thread ran all the readers. On
    ///   SQLite it runs as `unbounded`; on PostgreSQL as `brief`, where a body suspends at every statement anyway.
    /// - `unbounded` (the default): anything else, scans and bulk loads included. It runs on the connection's own
    ///   thread, so a long query never holds one of Swift's few cooperative threads.
    /// On PostgreSQL a brief (or queued) body runs its statements prepared, on its connection's event loop
    /// (PostgresBackend); anything else runs as PostgresKit runs it.
    public enum Span: Sendable { case brief, queued, unbounded }

    /// Runs queries that change nothing. On SQLite this is one of several reader connections.
    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await read(.unbounded, body)
    }

    /// `read`, for a body of the given span.
    public func read<T: Sendable>(_ span: Span, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do { return try await backend.read(span, body) } catch { throw StorageErrors.map(error) }
    }

    /// Runs `body` in one transaction: all of its writes land, or none do.
    @discardableResult
    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await write(.unbounded, body)
    }

    /// `write`, for a body of the given span.
    @discardableResult
    public func write<T: Sendable>(_ span: Span, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await CredentialCheck.awaitPending()
        do { return try await backend.transaction(span, body) } catch { throw StorageErrors.map(error) }
    }

    /// Runs `body` outside an explicit transaction. On PostgreSQL each statement then commits by itself: for a body of
    /// one statement that is atomic by itself, this spares BEGIN and COMMIT, two of its three round trips. On SQLite it
    /// is `write`.
    @discardableResult
    public func autocommit<T: Sendable>(_ span: Span, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await CredentialCheck.awaitPending()
        do { return try await backend.autocommit(span, body) } catch { throw StorageErrors.map(error) }
    }

    /// Whether a driver error (inside a transaction, before mapping) is a unique-constraint violation.
    public static func isUniqueViolation(_ error: any Error) -> Bool {
        (StorageErrors.map(error) as? CareBridgeError)?.reason == "unique"
    }

    /// Closes every connection once in-flight work has returned them; later calls do nothing.
    public func close() async {
        let first = closed.withLock { closed in
            defer { closed = true }
            return !closed
        }
        if first { await backend.close() }
    }
}

protocol DatabaseBackend: Sendable {
    func read<T: Sendable>(_ span: Database.Span, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func transaction<T: Sendable>(_ span: Database.Span, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func autocommit<T: Sendable>(_ span: Database.Span, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func close() async
}

/// SQLKit has no transaction API: run `body` between `begin` and COMMIT on one pinned connection,
/// rolling back if anything throws. `begin` nil: the transaction was begun already.
func inTransaction<T: Sendable>(_ db: any SQLDatabase, begin: String?,
                                _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
    if let begin { try await db.execute(sql: SQLRaw(begin), { _ in }) }
    do {
        let result = try await body(db)
        try await db.raw("COMMIT").run()
        return result
    } catch {
        try? await db.raw("ROLLBACK").run()
        throw error
    }
}

import CareBridgeCore
@testable import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Logging
import SQLKit
import Testing

/// The PostgreSQL pools keep connections open, so that a request's statements find one that PostgresNIO parked without
/// an idle-timeout timer (PostgresBackend.keptOpen).
@Suite("PostgreSQL connection pools")
struct PostgresPoolTests {
    static var postgres: [DatabaseKind] { TestDatabase.kinds.filter { $0 == .postgres } }

    @Test("each pool opens its kept connections before any request needs them, and they answer",
          .enabled(if: !postgres.isEmpty, "CAREBRIDGE_TEST_POSTGRES_URL names no server"))
    func keptOpen() async throws {
        let (url, cleanup) = try await TestDatabase.freshURL(.postgres)
        let database = try await Database.open(url: url, logger: Logger(label: "test"))
        do {
            let backend = try #require(database.backend as? PostgresBackend)
            let expected = Int64(PostgresBackend.keptOpen * backend.poolCount)
            // Counted from outside the pools: a count read through them would itself lease, and open, connections.
            let count = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            var open: Int64 = 0
            for _ in 0..<100 {
                open = try await PostgresAdmin.integer(count, url: url) ?? 0
                if open >= expected { break }
                try await Task.sleep(nanoseconds: 50_000_000)
            }
            #expect(open >= expected, "\(backend.poolCount) pools should keep \(PostgresBackend.keptOpen) connection(s) each open; \(open) are")
            let answers = try await withThrowingTaskGroup(of: Int64.self) { group in
                for i in 0..<(2 * expected) {
                    group.addTask { try await database.read(.brief) { db in try await db.raw("SELECT \(bind: i)::bigint AS n").first()!.int("n") } }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.sorted() == Array(0..<(2 * expected)))
            await database.close()
            try await cleanup()
        } catch {
            await database.close()
            try? await cleanup()
            throw error
        }
    }

    /// The detail of the error `Database.open(url:)` throws, or nil if it opened.
    static func failure(opening url: String) async -> String? {
        do {
            let database = try await Database.open(url: url, logger: Logger(label: "test"))
            await database.close()
            return nil
        } catch let error as CareBridgeError {
            #expect(error.kind == .unavailable)
            return error.detail
        } catch {
            return "\(error)"
        }
    }

    @Test("a port where no server listens, or a socket that is not there, fails at start-up saying so")
    func nothingListening() async throws {
        let tcp = try #require(await Self.failure(opening: "postgres://carebridge@127.0.0.1:1/carebridge"))
        #expect(tcp.contains("127.0.0.1:1"), "\(tcp)")
        #expect(tcp.hasSuffix(": Connection refused"), "\(tcp)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cb-no-socket-\(UUID().uuidString)").path
        let socket = try #require(await Self.failure(opening: "postgresql://carebridge@/carebridge?host=\(directory)"))
        #expect(socket.contains("\(directory)/.s.PGSQL.5432"), "\(socket)")
        #expect(socket.hasSuffix(": No such file or directory"), "\(socket)")
    }

    @Test("a database or user the server does not know fails at start-up in the server's words",
          .enabled(if: !postgres.isEmpty, "CAREBRIDGE_TEST_POSTGRES_URL names no server"))
    func unknownDatabase() async throws {
        let base = try #require(URLComponents(string: ProcessInfo.processInfo.environment["CAREBRIDGE_TEST_POSTGRES_URL"] ?? ""))
        var missing = base
        missing.path = "/cb_missing_\(UUID().uuidString.prefix(8).lowercased())"
        let database = try #require(await Self.failure(opening: missing.string!))
        #expect(database.contains("database \"\(missing.path.dropFirst())\" does not exist"), "\(database)")
        var stranger = base
        stranger.user = "cb_nobody"
        let user = try #require(await Self.failure(opening: stranger.string!))
        #expect(user.contains("cb_nobody"), "\(user)")
    }
}

import CareBridgeStore
import Foundation
import Logging
import SQLKit

/// On PostgreSQL each benchmark gets an empty database of its own, as each gets its own file on SQLite:
/// `<db>_bench_<name>` on the server `DATABASE_URL` names (so that user needs CREATEDB), dropped and created anew
/// before the benchmark and left afterwards, for inspection and for `scripts/postgres-step-floor` (which reads `<db>_bench_referrals`).
/// Sharing the one database made the PostgreSQL rows of a full run measure something else: the demo's million people
/// sat under the referral, FHIR and HTTP benchmarks that followed, every server start read them into its population
/// snapshot, and autovacuum worked through the load meanwhile (referral step p99 462 ms, GET at 1000/s p50 12 s, in a
/// full run on 2026-11-30; the same benchmarks alone on an empty database: 8 ms and 14-29 ms).
enum ScratchDatabase {
    static func with<T>(server url: String, named suffix: String, _ body: (String) async throws -> T) async throws -> T {
        guard var components = URLComponents(string: url) else { throw BenchError("DATABASE_URL is not a URL") }
        // The database as libpq reads the URL: a `dbname` parameter wins over the path (DatabaseURL.socket).
        let named = components.queryItems?.last(where: { $0.name == "dbname" })?.value
        let base = named ?? (components.path.count > 1 ? String(components.path.dropFirst()) : "carebridge")
        let name = (base + "_" + suffix).lowercased().filter { $0.isLetter || $0.isNumber || $0 == "_" }
        components.path = "/" + name
        if named != nil, let others = components.queryItems?.filter({ $0.name != "dbname" }) { components.queryItems = others.isEmpty ? nil : others }
        guard let scratch = components.string else { throw BenchError("cannot name a database beside \(base)") }
        try await run(["DROP DATABASE IF EXISTS \(name) WITH (FORCE)", "CREATE DATABASE \(name)"], on: url)
        return try await body(scratch)
    }

    /// Statements outside a transaction (CREATE and DROP DATABASE cannot run in one).
    private static func run(_ statements: [String], on url: String) async throws {
        let database = try await Database.open(url: url, logger: Logger(label: "bench"))
        do {
            try await database.read { db in for statement in statements { try await db.raw("\(unsafeRaw: statement)").run() } }
            await database.close()
        } catch {
            await database.close()
            throw error
        }
    }
}

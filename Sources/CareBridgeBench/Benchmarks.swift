import AsyncHTTPClient
import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// `carebridge bench`: creates its own data, runs the server as a child process, drives it from
/// this process over loopback, and measures the store in process.
public enum Benchmarks {
    public struct Options: Sendable {
        /// The carebridge executable the HTTP benchmarks start as their server.
        public var executable: String
        public var postgresURL: String?
        public var seconds: Double = 10
        public var rate: Double = 1_000
        public var concurrency: Int = 32
        /// Run only the HTTP or only the audit benchmarks (for profiling one of them).
        public var only: String?
        /// Concurrent audit writers (each waits for its event to commit before the next).
        public var writers: Int = 256
        /// People stored by the demo benchmark and held by the matcher's index.
        public var people: Int = 1_000_000
        /// People in the full duplicate scan.
        public var scanPeople: Int = 100_000
        /// The population openfisca_entitlements.py wrote (--write), to run the same rules over the same people.
        public var openFiscaPopulation: String?
        public var openFiscaRules: String = "bench/openfisca-rules.yaml"
        /// The series CSV gen_series.py wrote, and R's timings of the same detection work (bench/surveillance.sh).
        public var seriesCSV: String?
        public var rTimings: String?
        public init(executable: String, postgresURL: String?) {
            self.executable = executable
            self.postgresURL = postgresURL
        }
    }

    public struct Row: Sendable {
        public var benchmark: String
        public var database: String
        public var result: String
        public var target: String
    }

    public static func run(_ options: Options, progress: @Sendable (String) -> Void) async throws -> [Row] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("carebridge-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var targets: [(String, String)] = [("SQLite", directory.appendingPathComponent("bench.sqlite").path)]
        if let url = options.postgresURL { targets.append(("PostgreSQL", url)) }
        var rows: [Row] = []
        if options.only == nil || options.only == "matching" { rows += try await matching(options: options, progress: progress) }
        if options.only == nil || options.only == "entitlements" { rows += try await entitlements(options: options, progress: progress) }
        if options.only == "entitlements" { return rows }
        if options.only == nil || options.only == "health" { rows += try await health(options: options, progress: progress) }
        if options.only == "health" { return rows }
        if options.only == nil || options.only == "indicators" { rows += try await indicators(options: options, progress: progress) }
        if options.only == "indicators" { return rows }
        if options.only == "surveillance" || (options.only == nil && options.seriesCSV != nil) { rows += try await surveillance(options: options, progress: progress) }
        if options.only == "surveillance" { return rows }
        if options.only == nil || options.only == "directory" { rows += try Self.directorySearch(progress: progress) }
        if options.only == "directory" { return rows }
        for (name, url) in targets {
            // Each benchmark on an empty database of its own (ScratchDatabase); on SQLite, the audit appends share the
            // HTTP benchmark's file, as before.
            func on<T>(_ bench: String, _ body: (String) async throws -> T) async throws -> T {
                if name == "SQLite" { return try await body(bench == "audit" || bench == "http" ? url : directory.appendingPathComponent("\(bench).sqlite").path) }
                return try await ScratchDatabase.with(server: url, named: "bench_\(bench)", body)
            }
            if options.only == nil || options.only == "demo" {
                rows += try await on("demo") { try await demo(name: name, url: $0, options: options, progress: progress) }
            }
            if options.only == nil || options.only == "referrals" {
                rows += try await on("referrals") { try await referrals(name: name, url: $0, options: options, progress: progress) }
            }
            if options.only == nil || options.only == "fhir" {
                rows += try await on("fhir") { try await fhir(name: name, url: $0, options: options, progress: progress) }
            }
            if options.only == "demo" || options.only == "matching" || options.only == "referrals" || options.only == "fhir" { continue }
            if options.only != "audit" {
                progress("\(name): HTTP benchmarks")
                rows += try await on("http") { try await http(name: name, url: $0, options: options, progress: progress) }
            }
            if options.only != "http" {
                progress("\(name): audit appends")
                rows += try await on("audit") { try await auditAppends(name: name, url: $0, seconds: 5, options: options) }
            }
        }
        return rows
    }

    static func http(name: String, url: String, options: Options, progress: @Sendable (String) -> Void) async throws -> [Row] {
        let (password, suffix) = try await accounts(url: url, [("clinic", .healthFacility, "clinician")])
        let username = "bench.clinic.\(suffix)"

        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: options.concurrency)))
        do {
            let rows = try await measure(name: name, url: url, options: options, client: client, username: username, password: password, progress: progress)
            try? await client.shutdown()
            return rows
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    static func measure(name: String, url: String, options: Options, client: HTTPClient, username: String, password: String,
                        progress: @Sendable (String) -> Void) async throws -> [Row] {
        let environment = ["DATABASE_URL": url, "CAREBRIDGE_ADMIN_PASSWORD": password, "LOG_LEVEL": "error"]
        let port = try freePort()
        var server = try ServerProcess(executable: options.executable, port: port, environment: environment)
        _ = try await server.waitUntilHealthy(client: client)
        server.stop()
        // The figure that matters: a restart on an existing database.
        server = try ServerProcess(executable: options.executable, port: port, environment: environment)
        let startup = try await server.waitUntilHealthy(client: client)
        defer { server.stop() }

        let base = "http://127.0.0.1:\(port)"
        let token = try await postJSON(client, "\(base)/api/v1/auth/token", ["username": username, "password": password], token: nil)["token"] as? String ?? ""
        let person = try await postJSON(client, "\(base)/api/v1/people", ["givenName": "Мухаммад", "familyName": "Алиев", "birthYear": 1988], token: token)
        guard let personID = person["id"] as? String else { throw BenchError("could not create the benchmark person: \(person)") }
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Bearer \(token)")
        let load = LoadClient(client: client, url: "\(base)/api/v1/people/\(personID)", headers: headers)
        _ = await load.saturate(seconds: 1, concurrency: 8) // warm-up
        progress("\(name): \(Int(options.rate)) requests/s for \(Int(options.seconds)) s")
        let paced = await load.fixedRate(rate: options.rate, seconds: options.seconds, concurrency: options.concurrency)
        progress("\(name): saturation")
        let saturated = await load.saturate(seconds: 5, concurrency: options.concurrency)
        func ms(_ v: Double) -> String { String(format: "%.2f ms", v) }
        return [
            Row(benchmark: "serve on an existing database: start to /healthz 200", database: name,
                result: String(format: "%.3f s", startup), target: "< 1 s"),
            Row(benchmark: "authenticated, audited person GET at \(Int(options.rate))/s (open loop, \(Int(options.seconds)) s)", database: name,
                result: "p50 \(ms(paced.percentile(50))), p99 \(ms(paced.percentile(99))), \(String(format: "%.0f", paced.requestsPerSecond)) req/s, \(paced.failures) failed",
                target: "p99 < 5 ms"),
            Row(benchmark: "same GET, \(options.concurrency) clients back to back (5 s)", database: name,
                result: "\(String(format: "%.0f", saturated.requestsPerSecond)) req/s, p50 \(ms(saturated.percentile(50))), p99 \(ms(saturated.percentile(99))), \(saturated.failures) failed",
                target: "—"),
        ]
    }

    /// Audit events committed per second when many requests record at once (group commit).
    static func auditAppends(name: String, url: String, seconds: Double, options: Options) async throws -> [Row] {
        let database = try await Database.open(url: url, logger: Logger(label: "bench"))
        try await Migrations.run(on: database)
        let log = AuditLog(database: database)
        let before = try await AuditRepository(database).count()
        let end = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        let begin = DispatchTime.now().uptimeNanoseconds
        let writers = options.writers
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<writers {
                group.addTask {
                    let person = UUID()
                    while DispatchTime.now().uptimeNanoseconds < end {
                        try await log.record(AuditDraft(occurredAt: Date(), actorUserID: nil, actorUsername: "bench\(n)",
                                                        organizationKind: .healthFacility, role: .clinician, purpose: .treatment,
                                                        personID: person, category: .health, action: "health.read", outcome: .allowed,
                                                        reason: "own-record"))
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9
        let appended = try await AuditRepository(database).count() - before
        let flushes = log.flushes
        let verify = try await AuditRepository(database).verify()
        await database.close()
        return [Row(benchmark: "audit appends, \(writers) concurrent writers, group commit (\(Int(seconds)) s)", database: name,
                    result: String(format: "%.0f events/s (%d events in %d transactions; chain %@)", Double(appended) / elapsed,
                                   Int(appended), flushes, verify.isIntact ? "verified" : "BROKEN"),
                    target: "≥ 20,000/s")]
    }

    static func postJSON(_ client: HTTPClient, _ url: String, _ body: [String: Any], token: String?) async throws -> [String: Any] {
        try await timedPostJSON(client, url, body, token: token).json
    }

    /// `postJSON`, and the request's latency in milliseconds: from its send to its answer's last byte, as the FHIR reads
    /// are timed and as HTTP load tools time a request. The client's own JSON coding is outside it.
    static func timedPostJSON(_ client: HTTPClient, _ url: String, _ body: [String: Any], token: String?) async throws -> (json: [String: Any], milliseconds: Double) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        let start = ContinuousClock.now
        let response = try await client.execute(request, timeout: .seconds(30))
        let data = try await response.body.collect(upTo: 1 << 20)
        let milliseconds = seconds(start.duration(to: .now)) * 1000
        return ((try? JSONSerialization.jsonObject(with: Data(buffer: data)) as? [String: Any]) ?? [:], milliseconds)
    }
}

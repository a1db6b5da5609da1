import AsyncHTTPClient
import CareBridgeCore
import CareBridgeServer
import Foundation
import NIOCore

/// Referral figures of issue 6, through HTTP against a server process on a fresh database: creating a referral
/// (consent checked, audited) and each step the receiver takes (accept, book, attend, complete; each audited), one
/// request at a time, each timed from its send to its answer's last byte.
extension Benchmarks {
    static func referrals(name: String, url: String, count: Int = 400, options: Options, progress: @Sendable (String) -> Void) async throws -> [Row] {
        // A platform administrator adds the receiver's service (accounts exist, so the server makes no `admin`).
        let (password, suffix) = try await accounts(url: url, [("sender", .ngo, "caseworker"), ("receiver", .healthFacility, "clinician"),
                                                               ("admin", .healthMinistry, "admin")])
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let rows = try await referralSteps(name: name, url: url, password: password, suffix: suffix, count: count, client: client, options: options, progress: progress)
            try? await client.shutdown()
            return rows
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    static func referralSteps(name: String, url: String, password: String, suffix: String, count: Int, client: HTTPClient, options: Options,
                              progress: @Sendable (String) -> Void) async throws -> [Row] {
        let (server, base) = try await benchServer(url: url, password: password, client: client, options: options)
        defer { server.stop() }
        func token(_ user: String) async throws -> String {
            try await postJSON(client, "\(base)/api/v1/auth/token", ["username": user, "password": password], token: nil)["token"] as? String ?? ""
        }
        let admin = try await token("bench.admin.\(suffix)"), sender = try await token("bench.sender.\(suffix)"), receiver = try await token("bench.receiver.\(suffix)")
        let organizations = try await getJSON(client, "\(base)/api/v1/organizations?limit=200", token: admin)["items"] as? [[String: Any]] ?? []
        guard let receiverID = organizations.first(where: { $0["slug"] as? String == "bench-receiver-\(suffix)" })?["id"] as? String else { throw BenchError("no receiver organization") }
        let service = try await postJSON(client, "\(base)/api/v1/services", [
            "organizationId": receiverID, "names": ["en": "Health assessment"], "categories": ["polyclinic"], "care": ["cd-diagnosis"],
            "locations": [["name": "Clinic", "hours": [["days": ["MO", "TU", "WE", "TH", "FR"], "opens": "08:00", "closes": "17:00"]]]]], token: admin)
        guard let serviceID = service["id"] as? String else { throw BenchError("could not create the service: \(service)") }
        progress("\(name): \(count) referrals, each through four steps")
        var create: [Double] = [], steps: [Double] = []
        for i in 0..<count {
            let person = try await postJSON(client, "\(base)/api/v1/people", ["givenName": "Person\(i)", "familyName": "Benchmark", "birthDate": "1990",
                                                                              "registerDespiteMatches": true], token: sender)
            guard let personID = person["id"] as? String else { throw BenchError("could not register: \(person)") }
            let consent = try await postJSON(client, "\(base)/api/v1/people/\(personID)/consents", ["organizationId": receiverID, "purposes": ["COC", "TREAT"],
                                                                                                  "categories": ["identity", "referral-metadata", "health"]], token: sender)
            let (referral, created) = try await timedPostJSON(client, "\(base)/api/v1/referrals", ["personId": personID, "serviceId": serviceID, "reason": "Assessment",
                                                                                                "consentBasis": ["type": "consent", "consentID": consent["id"] as? String ?? ""]], token: sender)
            create.append(created)
            guard let id = referral["id"] as? String else { throw BenchError("could not refer: \(referral)") }
            for body: [String: Any] in [["action": "accept"], ["action": "book", "appointment": "2026-12-02T09:00:00Z"], ["action": "attend"], ["action": "complete", "note": "Done"]] {
                let (reply, stepped) = try await timedPostJSON(client, "\(base)/api/v1/referrals/\(id)/actions", body, token: receiver)
                steps.append(stepped)
                guard reply["state"] != nil else { throw BenchError("step \(body) failed: \(reply)") }
            }
        }
        let created = try await serverShare(client, base: base, route: { $0.hasSuffix("/referrals") }, method: "POST", within: "0.005")
        let stepped = try await serverShare(client, base: base, route: { $0.hasSuffix("/actions") }, method: "POST", within: "0.005")
        return [Row(benchmark: "referral creation over HTTP (consent checked, audited), one at a time", database: name, result: latency(create) + "; " + created, target: "p99 < 5 ms"),
                Row(benchmark: "referral step over HTTP (accept, book, attend, complete; audited), one at a time", database: name, result: latency(steps) + "; " + stepped, target: "p99 < 5 ms")]
    }

    static func getJSON(_ client: HTTPClient, _ url: String, token: String) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await client.execute(request, timeout: .seconds(30))
        let data = try await response.body.collect(upTo: 1 << 22)
        return (try? JSONSerialization.jsonObject(with: Data(buffer: data)) as? [String: Any]) ?? [:]
    }
}

extension Benchmarks {
    /// A migrated database with, for each side, an organization `bench-SIDE-SUFFIX` of the kind and a user
    /// `bench.SIDE.SUFFIX` with the role; returns the password they share and the suffix.
    static func accounts(url: String, _ sides: [(name: String, kind: OrganizationKind, role: String)]) async throws -> (password: String, suffix: String) {
        let password = "bench-password-\(UUID().uuidString.prefix(8))"
        // The data key from the environment: PostgreSQL keeps it outside the database (CAREBRIDGE_DATA_KEY).
        var configuration = try AppConfiguration.fromEnvironment()
        configuration.databaseURL = url
        configuration.adminPassword = password
        _ = try await Admin.migrate(configuration)
        let suffix = String(UUID().uuidString.prefix(6).lowercased())
        for side in sides {
            try await Admin.addOrganization(configuration, slug: "bench-\(side.name)-\(suffix)", kind: side.kind, name: "Benchmark \(side.name)")
            try await Admin.addUser(configuration, organizationSlug: "bench-\(side.name)-\(suffix)", role: side.role, username: "bench.\(side.name).\(suffix)",
                                    language: "en", password: password)
        }
        return (password, suffix)
    }

    /// A `carebridge serve` child process over `url` on a free port, answering /healthz, and its base address; the caller
    /// stops it. The accounts (`accounts(url:_:)`) exist already, so the server makes no `admin` of its own.
    static func benchServer(url: String, password: String, client: HTTPClient, options: Options) async throws -> (ServerProcess, String) {
        let port = try freePort()
        let server = try ServerProcess(executable: options.executable, port: port,
                                       environment: ["DATABASE_URL": url, "CAREBRIDGE_ADMIN_PASSWORD": password, "LOG_LEVEL": "error"])
        do { _ = try await server.waitUntilHealthy(client: client) } catch {
            server.stop()
            throw error
        }
        return (server, "http://127.0.0.1:\(port)")
    }

    /// Latencies in milliseconds as the tables print them: median, 99th percentile and how many.
    static func latency(_ values: [Double]) -> String {
        let sorted = values.sorted()
        return String(format: "p50 %.2f ms, p99 %.2f ms (%d requests)", sorted[sorted.count / 2], sorted[sorted.count * 99 / 100], sorted.count)
    }
}

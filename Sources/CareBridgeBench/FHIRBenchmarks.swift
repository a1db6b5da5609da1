import AsyncHTTPClient
import CareBridgeCore
import CareBridgeServer
import Foundation
import NIOCore

/// FHIR figures of issue 9, through HTTP against a server process on a fresh database: a Patient read (identity read
/// decided by the policy, contact details decided and both audited) and the International Patient Summary of a person
/// with 50 clinical entries (identity and health reads audited, the document built), one request at a time.
extension Benchmarks {
    static func fhir(name: String, url: String, people: Int = 500, options: Options, progress: @Sendable (String) -> Void) async throws -> [Row] {
        let (password, suffix) = try await accounts(url: url, [("fhir", .healthFacility, "clinician")])
        let username = "bench.fhir.\(suffix)"
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() as EventLoopFuture<Void> }
        let (server, base) = try await benchServer(url: url, password: password, client: client, options: options)
        defer { server.stop() }
        let token = try await postJSON(client, "\(base)/api/v1/auth/token", ["username": username, "password": password], token: nil)["token"] as? String ?? ""

        progress("\(name): registering \(people) people, one with 50 clinical entries")
        var ids: [String] = []
        for i in 0..<people {
            let person = try await postJSON(client, "\(base)/api/v1/people", [
                "givenName": "Person\(i)", "familyName": "Benchmark", "birthDate": "1990-0\(1 + i % 9)-1\(i % 10)", "sex": i % 2 == 0 ? "female" : "male",
                "citizenship": "UZ", "languages": ["uz", "ru"], "contact": ["phone": "+37529\(String(1_000_000 + i))"], "registerDespiteMatches": true], token: token)
            guard let id = person["id"] as? String else { throw BenchError("could not register: \(person)") }
            ids.append(id)
        }
        let subject = ids[0]
        func add(_ body: [String: Any]) async throws -> String {
            let record = try await postJSON(client, "\(base)/api/v1/people/\(subject)/health-records", body, token: token)
            guard let id = record["id"] as? String else { throw BenchError("could not record \(body): \(record)") }
            return id
        }
        // 50 entries: 15 doses, 15 resulted tests, 10 diagnoses, 5 treatments, 5 tests still waiting for a result.
        let vaccines = ["03", "08", "10", "20", "21", "43", "62", "83", "88", "110", "115", "133", "141", "150", "187"]
        for code in vaccines { _ = try await add(["kind": "immunization", "code": code, "doseNumber": 1]) }
        for i in 0..<15 {
            let test = try await add(["kind": "test", "code": ["5196-1", "13955-0", "56888-1"][i % 3]])
            _ = try await postJSON(client, "\(base)/api/v1/health-records/\(test)/result", ["interpretation": i % 4 == 0 ? "positive" : "negative"], token: token)
        }
        for code in ["B18.1", "B18.2", "J18.9", "A15.0", "B20", "B05.9", "A16.2", "B18.1", "J18.9", "B18.2"] { _ = try await add(["kind": "diagnosis", "code": code]) }
        for _ in 0..<5 { _ = try await add(["kind": "treatment", "disease": "tuberculosis", "regimen": "2HRZE/4HR", "resistance": "DS"]) }
        for _ in 0..<5 { _ = try await add(["kind": "test", "code": "71773-6"]) }

        func timed(_ path: String) async throws -> Double {
            let start = ContinuousClock.now
            var request = HTTPClientRequest(url: base + path)
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            let response = try await client.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 10 << 20)
            guard response.status == .ok else { throw BenchError("\(path): \(response.status)") }
            return seconds(start.duration(to: .now)) * 1000
        }
        progress("\(name): Patient reads and patient summaries")
        for id in ids.prefix(50) { _ = try await timed("/fhir/r4/Patient/\(id)") }  // warm up
        var reads: [Double] = []
        for round in 0..<4 { for id in ids { reads.append(try await timed("/fhir/r4/Patient/\(id)")); _ = round } }
        var summaries: [Double] = []
        for _ in 0..<10 { _ = try await timed("/fhir/r4/Patient/\(subject)/$summary") }
        for _ in 0..<300 { summaries.append(try await timed("/fhir/r4/Patient/\(subject)/$summary")) }
        // The read's route, not `Patient/{id}/{operation}` ($summary); the server's histogram counts the 50 warm-up reads too.
        let served = try await serverShare(client, base: base, route: { $0.hasPrefix("/fhir/r4/Patient/") && $0.split(separator: "/").count == 4 }, method: "GET", within: "0.005")
        return [Row(benchmark: "FHIR Patient read over HTTP (identity and contact decided, audited), \(people) people, one at a time", database: name,
                    result: latency(reads) + "; " + served, target: "p99 < 5 ms"),
                Row(benchmark: "FHIR Patient/$summary over HTTP, a person with 50 entries (IPS document, reads audited), one at a time", database: name,
                    result: latency(summaries), target: "< 20 ms")]
    }
}

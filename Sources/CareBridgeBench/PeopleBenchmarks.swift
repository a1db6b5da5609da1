import CareBridgeCore
import CareBridgeServer
import Foundation

/// The registry's targets (issue 4): storing a synthetic population, duplicate search for one registration against
/// the whole registry, a full duplicate scan, and the matcher's precision and recall on the planted duplicates.
extension Benchmarks {
    /// `carebridge demo` into a fresh database of the engine named.
    static func demo(name: String, url: String, options: Options, progress: @Sendable (String) -> Void) async throws -> [Row] {
        var configuration = AppConfiguration()
        configuration.databaseURL = url
        configuration.adminPassword = "bench-password-\(UUID().uuidString.prefix(8))"
        configuration.dataKey = FieldCipher.generateMaster()
        progress("\(name): storing \(options.people) synthetic people")
        // The registry's figure (issue 4) is the people alone; the health records of issue 7 are a second run.
        let report = try await DemoPopulation.run(count: options.people, seed: 7, truthPath: nil, health: false, configuration: configuration)
        var rows = [Row(benchmark: "`carebridge demo --people \(options.people) --no-health` (generate, validate, encrypt, store)", database: name,
                        result: String(format: "%.1f s (%.0f people/s)", report.seconds, Double(report.people) / report.seconds),
                        target: options.people == 1_000_000 && name == "SQLite" ? "< 60 s" : "")]
        if name == "SQLite" {
            var again = configuration
            again.databaseURL = url + ".health"
            progress("\(name): storing \(options.people) synthetic people with their health records")
            let withHealth = try await DemoPopulation.run(count: options.people, seed: 7, truthPath: nil, health: true, configuration: again)
            rows.append(Row(benchmark: "`carebridge demo --people \(options.people)` with health records", database: name,
                            result: String(format: "%.1f s (%d health records)", withHealth.seconds, withHealth.healthRecords), target: ""))
        }
        return rows
    }

    /// The matcher in memory over a synthetic population; no database is involved, so one row serves both engines.
    static func matching(options: Options, progress: @Sendable (String) -> Void) async throws -> [Row] {
        let population = SyntheticPopulation(seed: 11)
        progress("matching: preparing \(options.people) people")
        let inputs = try await matchInputs(population, 0..<options.people)
        progress("matching: building the index")
        let buildStart = ContinuousClock.now
        var index = MatchIndex<Int32>()
        for (i, prepared) in try await inputs.concurrentMap({ MatchIndex<Int32>.prepare($0) }).enumerated() { index.insert(Int32(i), prepared: prepared) }
        let build = buildStart.duration(to: .now)
        // New registrations: the people after the registry, about 2% of them planted duplicates of someone in it.
        let queries = try await matchInputs(population, options.people..<(options.people + 2_000))
        var times: [Double] = []
        var found = 0, planted = 0
        for (offset, query) in queries.enumerated() {
            let start = ContinuousClock.now
            let candidates = index.candidates(for: query, limit: 10)
            times.append(milliseconds(start.duration(to: .now)))
            if let original = population.person(options.people + offset).duplicateOf {
                planted += 1
                if candidates.contains(where: { $0.id == Int32(original) }) { found += 1 }
            }
        }
        times.sort()
        func p(_ q: Double) -> String { String(format: "%.2f ms", times[min(times.count - 1, Int(Double(times.count) * q / 100))]) }

        progress("matching: full scan of \(options.scanPeople) people")
        let scanCount = min(options.scanPeople, options.people)
        var small = MatchIndex<Int32>()
        for i in 0..<scanCount { small.insert(Int32(i), inputs[i]) }
        let scanStart = ContinuousClock.now
        let pairs = small.duplicatePairs(parallelism: 2)
        let scan = scanStart.duration(to: .now)
        let quality = PairQuality(pairs: pairs.map { ($0.0, $0.1) }, population: population, count: scanCount)
        return [
            Row(benchmark: "duplicate search, one new registration against \(options.people) people (2,000 registrations, one at a time)",
                database: "in memory", result: "p50 \(p(50)), p95 \(p(95)), p99 \(p(99)); index built in \(String(format: "%.1f", seconds(build))) s; \(found) of \(planted) planted duplicates offered",
                target: "p95 < 20 ms"),
            Row(benchmark: "full duplicate scan of \(scanCount) people, 2 threads", database: "in memory",
                result: String(format: "%.1f s, %d pairs above the threshold", seconds(scan), pairs.count), target: "< 30 s"),
            Row(benchmark: "matcher on the planted duplicates of that scan (pairs of records of one person)", database: "in memory",
                result: String(format: "precision %.3f, recall %.3f (%d true pairs, %d found, %d false)", quality.precision, quality.recall,
                               quality.truePairs, quality.truePositives, quality.falsePositives),
                target: "both > 0.95"),
        ]
    }

    /// The matcher's view of synthetic people, built on every core. Document and phone keys are the lookup values
    /// themselves (the stored keyed hashes of them compare equal exactly when these do).
    static func matchInputs(_ population: SyntheticPopulation, _ range: Range<Int>) async throws -> [MatchInput] {
        try await Array(range).concurrentMap { matchInput(population.person($0)) }
    }

    static func matchInput(_ s: SyntheticPerson) -> MatchInput {
        MatchInput(names: s.names.map { MatchName(given: $0.given, family: $0.family, patronymic: $0.patronymic) },
                   birthYear: s.birthYear, birthMonth: s.birthMonth, birthDay: s.birthDay, sex: s.sex, citizenship: s.citizenship,
                   documentKeys: s.document.map { ["\($0.type)|\($0.issuingCountry)|\(IdentityDocument.normalize($0.number))"] } ?? [],
                   phoneKeys: ContactDetails(phone: s.phone).phoneLookupValue.map { [$0] } ?? [])
    }

    static func milliseconds(_ d: Duration) -> Double { seconds(d) * 1000 }
    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}

/// Pairwise precision and recall: two records are the same person when they share a root (a planted duplicate's root
/// is its original), so two duplicates of one person are a true pair as well.
struct PairQuality {
    var truePairs = 0, truePositives = 0, falsePositives = 0

    init(pairs: [(Int32, Int32)], population: SyntheticPopulation, count: Int) {
        var root = [Int](repeating: 0, count: count)
        var sizes: [Int: Int] = [:]
        for i in 0..<count {
            root[i] = population.person(i).duplicateOf ?? i
            sizes[root[i], default: 0] += 1
        }
        truePairs = sizes.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        for (a, b) in pairs {
            if root[Int(a)] == root[Int(b)] { truePositives += 1 } else { falsePositives += 1 }
        }
    }

    var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
    var recall: Double { truePairs == 0 ? 1 : Double(truePositives) / Double(truePairs) }
}

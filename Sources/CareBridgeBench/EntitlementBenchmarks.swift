import CareBridgeCore
import CareBridgeServer
import Foundation

/// Entitlement figures of issue 5: one person's decision for every care type; a simulation over a million people of
/// the synthetic population (the shipped Belarus rules against a reading that makes socially dangerous diseases
/// free); and, given the population openfisca_entitlements.py wrote, the same rules as OpenFisca over the same people,
/// with the free counts to check agreement.
extension Benchmarks {
    static func entitlements(options: Options, progress: @Sendable (String) -> Void) async throws -> [Row] {
        guard let shipped = RuleSetFiles.shipped.first(where: { $0.hasSuffix("BY-2026.1.yaml") }) else { throw BenchError("the Belarus rule set is not in the build") }
        let table = try RuleSetFiles.compile(path: shipped)
        let reform = try RuleSetFiles.compile(path: shipped, selection: ["socially-dangerous-diseases": "free"])
        let day = try CalendarDay(parsing: "2026-11-01", field: "date")
        var rows: [Row] = []

        progress("entitlements: one person, all care types")
        let statuses = LegalStatusKind.allCases, countries = ["UZ", "RU", "CN", "TM", "AF", "KZ", nil]
        let facts = (0..<10_000).map { i in
            EntitlementFacts(status: statuses[i % statuses.count], citizenship: countries[i % countries.count], insured: i % 3 == 0, age: 18 + i % 60)
        }
        var times: [Double] = []
        var outcomes = 0
        for round in 0..<20 {
            for f in facts {
                let start = ContinuousClock.now
                outcomes += try table.decide(f, on: day).count
                if round > 0 { times.append(seconds(start.duration(to: .now)) * 1e6) }
            }
        }
        times.sort()
        rows.append(Row(benchmark: "one person, all \(CareType.allCases.count) care types, with the rules behind each (\(times.count) decisions)", database: "in memory",
                        result: String(format: "p50 %.2f µs, p99 %.2f µs", times[times.count / 2], times[times.count * 99 / 100]), target: "< 50 µs"))

        progress("entitlements: drawing \(options.people) people")
        let population = SyntheticPopulation(seed: 11)
        let people = try await Array(0..<options.people).concurrentMap(parts: 8) { i in try Self.facts(population.person(i)) }
        let snapshot = PopulationSnapshot(people)
        progress("entitlements: simulating")
        var runs: [Double] = []
        var scan: EntitlementScan?
        for _ in 0..<5 {
            let start = ContinuousClock.now
            scan = try await EntitlementScan.run(snapshot, before: table, after: reform, on: day, parts: 2)
            runs.append(seconds(start.duration(to: .now)))
        }
        runs.sort()
        let gained = scan?.care.first { $0.care == .tbTreatment }?.gained ?? 0
        rows.append(Row(benchmark: "simulation, \(options.people) synthetic people x \(CareType.allCases.count) care types, two rule readings, 2 threads (median of 5)",
                        database: "population snapshot", result: String(format: "%.3f s (%d with a status; %d gain free TB treatment)", runs[2], scan?.people ?? 0, gained),
                        target: "< 1 s"))

        if let csv = options.openFiscaPopulation {
            rows += try await openFisca(csv, rulesPath: options.openFiscaRules, progress: progress)
        }
        return rows
    }

    static func facts(_ s: SyntheticPerson) throws -> PersonFacts {
        var statuses = [(kind: try LegalStatusKind.parse(s.status), span: PersonFacts.Span(from: try CalendarDay(parsing: s.statusFrom, field: "from"),
                                                                                              until: try s.statusUntil.map { try CalendarDay(parsing: $0, field: "until") }))]
        if let previous = s.previousStatus, let from = s.previousStatusFrom {
            statuses.append((try LegalStatusKind.parse(previous), .init(from: try CalendarDay(parsing: from, field: "from"),
                                                                        until: try s.previousStatusUntil.map { try CalendarDay(parsing: $0, field: "until") })))
        }
        let insurance = try s.insurance.map { [PersonFacts.Span(from: try CalendarDay(parsing: $0.from, field: "from"), until: try CalendarDay(parsing: $0.until, field: "until"))] } ?? []
        return PersonFacts(id: UUID(), citizenship: s.citizenship, region: s.region, sex: Sex(rawValue: s.sex),
                           birth: try PartialDate(year: s.birthYear, month: s.birthMonth, day: s.birthDay), statuses: statuses, insurance: insurance)
    }

    /// The OpenFisca comparison: the population the peer script drew (legal_status, citizenship_group, insured), the
    /// rules of rules.md as a CareBridge rule set, and the counts of free care per type to compare with the peer's.
    static func openFisca(_ path: String, rulesPath: String, progress: @Sendable (String) -> Void) async throws -> [Row] {
        progress("entitlements: the OpenFisca population \(path)")
        let table = try RuleSetFiles.compile(path: rulesPath)
        let statusOf: [String: LegalStatusKind] = [
            "permanent_resident": .permanentResidence, "temporary_resident": .temporaryResidence, "temporary_stay": .temporaryStay, "refugee": .refugee,
            "additional_protection": .additionalProtection, "asylum_seeker": .asylumSeeker, "eaeu_worker": .eaeuWorker, "stateless": .stateless,
            "undocumented": .undocumented]
        // One country standing for each of the peer's citizenship groups.
        let countryOf = ["other": "CN", "cis": "UZ", "russia": "RU", "turkmenistan": "TM"]
        let start = try CalendarDay(parsing: "2026-01-01", field: "from")
        var snapshot = PopulationSnapshot()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n")
        guard lines.first == "legal_status,citizenship_group,insured" else { throw BenchError("\(path) is not the population openfisca_entitlements.py --write makes") }
        lines.removeFirst()
        snapshot.reserve(lines.count)
        for line in lines {
            let f = line.split(separator: ",")
            guard f.count == 3, let status = statusOf[String(f[0])], let country = countryOf[String(f[1])] else { throw BenchError("bad row '\(line)' in \(path)") }
            snapshot.upsert(PersonFacts(id: UUID(), citizenship: country, region: nil, sex: nil, birth: nil, statuses: [(status, .init(from: start, until: nil))],
                                        insurance: f[2] == "1" ? [.init(from: start, until: nil)] : []))
        }
        let day = try CalendarDay(parsing: "2026-11-01", field: "date")
        var runs: [Double] = []
        var scan: EntitlementScan?
        for _ in 0..<5 {
            let started = ContinuousClock.now
            scan = try await EntitlementScan.run(snapshot, before: table, on: day, parts: 2)
            runs.append(seconds(started.duration(to: .now)))
        }
        runs.sort()
        let free = (scan?.care ?? []).map { "\($0.care.rawValue) \($0.before[Int(OutcomeKind.free.rank)])" }.joined(separator: "; ")
        return [Row(benchmark: "rules.md over the population openfisca_entitlements.py drew (\(lines.count) people x 13 care types, 2 threads, median of 5)",
                    database: "population snapshot", result: String(format: "%.3f s; free: %@", runs[2], free), target: "same free counts as OpenFisca")]
    }
}

import CareBridgeCore
import CareBridgeServer
import Foundation

/// Issue 7's figures: screening recommendations for one person and for the whole synthetic population (the shipped
/// rules and country table), and the care cascade over the population snapshot with 100,000 people carrying cases,
/// tests and treatments in plausible proportions.
extension Benchmarks {
    static func health(options: Options, progress: @Sendable (String) -> Void) async throws -> [Row] {
        let reference = try HealthReference.shipped()
        let engine = reference.engine
        let day = try CalendarDay(parsing: "2026-11-01", field: "date")
        var rows: [Row] = []

        progress("health: drawing \(options.people) people")
        let population = SyntheticPopulation(seed: 11)
        var people = try await Array(0..<options.people).concurrentMap(parts: 8) { i -> PersonFacts in
            var facts = try Self.facts(population.person(i))
            // Arrival between 0 and 8 years before the day, as the registry records it (month and year).
            let monthsAgo = (i &* 7919) % 96
            let index = day.year * 12 + day.month - 1 - monthsAgo
            facts.arrival = try PartialDate(year: index / 12, month: index % 12 + 1)
            return facts
        }

        progress("health: one person's recommendations")
        let subjects = people.prefix(10_000).map { ScreeningSubject(countryOfBirth: nil, citizenship: $0.citizenship, arrival: $0.arrival, birth: $0.birth) }
        var times: [Double] = []
        var offered = 0
        for round in 0..<20 {
            for subject in subjects {
                let start = ContinuousClock.now
                offered += engine.recommend(for: subject, on: day).count
                if round > 0 { times.append(seconds(start.duration(to: .now)) * 1e6) }
            }
        }
        times.sort()
        rows.append(Row(benchmark: "screening recommendations, one person, with the reasons' figures and sources (\(times.count) people)", database: "in memory",
                        result: String(format: "p50 %.2f µs, p99 %.2f µs", times[times.count / 2], times[times.count * 99 / 100]), target: "< 20 µs"))

        progress("health: giving 100,000 people health records")
        // 10% of the population with records: all screened for TB, a fifth of those positive, a quarter of the
        // positives confirmed and treated, most of them successfully; a share tested for HIV and hepatitis.
        for i in stride(from: 0, to: people.count, by: 10) {
            var bits: UInt32 = HealthMilestones.bit(.tuberculosis, .screened)
            if i % 50 == 0 { bits |= HealthMilestones.bit(.tuberculosis, .positive) }
            if i % 200 == 0 { bits |= HealthMilestones.bit(.tuberculosis, .confirmed) | HealthMilestones.bit(.tuberculosis, .treated) }
            if i % 250 == 0 { bits |= HealthMilestones.bit(.tuberculosis, .success) }
            if i % 30 == 0 { bits |= HealthMilestones.bit(.hiv, .screened) }
            if i % 900 == 0 { bits |= HealthMilestones.bit(.hiv, .positive) | HealthMilestones.bit(.hiv, .confirmed) | HealthMilestones.bit(.hiv, .treated) }
            if i % 1000 == 0 { bits |= HealthMilestones.bit(.hiv, .success) }
            if i % 40 == 0 { bits |= HealthMilestones.bit(.hepatitisC, .screened) }
            people[i].health = HealthMilestones(bits: bits)
        }
        let snapshot = PopulationSnapshot(people)

        progress("health: screening the whole population")
        var scans: [Double] = []
        var eligible = 0
        for _ in 0..<5 {
            let start = ContinuousClock.now
            eligible = ScreeningScan.count(snapshot, engine: engine, on: day)
            scans.append(seconds(start.duration(to: .now)))
        }
        scans.sort()
        rows.append(Row(benchmark: "screening recommendations, all \(snapshot.count) synthetic people (median of 5)", database: "population snapshot",
                        result: String(format: "%.3f s (%d offered at least one screening)", scans[2], eligible), target: "< 1 s"))

        progress("health: the cascade")
        var runs: [Double] = []
        var cascade: PopulationCascade?
        for _ in 0..<5 {
            let start = ContinuousClock.now
            cascade = PopulationCascade.compute(snapshot, engine: engine, on: day)
            runs.append(seconds(start.duration(to: .now)))
        }
        runs.sort()
        let tb = cascade?.counts[.tuberculosis] ?? [:]
        rows.append(Row(benchmark: "care cascade, TB, HIV, hepatitis B and C, \(snapshot.count) people of whom 100,000 with health records (median of 5)",
                        database: "population snapshot",
                        result: String(format: "%.1f ms (TB: %d eligible, %d screened, %d positive, %d confirmed, %d treated, %d successes)", runs[2] * 1000,
                                       tb[.eligible] ?? 0, tb[.screened] ?? 0, tb[.positive] ?? 0, tb[.confirmed] ?? 0, tb[.treated] ?? 0, tb[.success] ?? 0),
                        target: "< 200 ms"))
        _ = offered
        return rows
    }
}

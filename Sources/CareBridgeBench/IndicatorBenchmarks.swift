import CareBridgeCore
import CareBridgeServer
import Foundation

/// Issue 8's indicator figure: "any indicator with its full breakdown over 1,000,000 people: under 200 ms". The
/// synthetic population (seed 11) with arrivals over eight years, interpreter need as the generator draws it, health
/// milestones on every tenth person (as the health benchmark), and one referral for every third person, made over
/// 2026 with plausible outcomes: each shipped indicator computed with every one-way breakdown (legal status,
/// citizenship, region, sex, age group, interpreter need), suppressed, and also legal status crossed with region.
extension Benchmarks {
    static func indicators(options: Options, progress: @Sendable (String) -> Void) async throws -> [Row] {
        let engine = try HealthReference.shipped().engine
        let catalog = try IndicatorReference.shipped().catalog
        let day = try CalendarDay(parsing: "2026-11-01", field: "date")
        let start = try CalendarDay(parsing: "2026-01-01", field: "date")
        progress("indicators: drawing \(options.people) people")
        let population = SyntheticPopulation(seed: 11)
        let people = try await Array(0..<options.people).concurrentMap(parts: 8) { i -> PersonFacts in
            let synthetic = population.person(i)
            var facts = try Self.facts(synthetic)
            let monthsAgo = (i &* 7919) % 96
            let index = day.year * 12 + day.month - 1 - monthsAgo
            facts.arrival = try PartialDate(year: index / 12, month: index % 12 + 1)
            facts.interpreterNeeded = synthetic.interpreterNeeded
            if i % 10 == 0 {
                var bits = HealthMilestones.bit(.tuberculosis, .screened)
                if i % 200 == 0 { bits |= HealthMilestones.bit(.tuberculosis, .confirmed) | HealthMilestones.bit(.tuberculosis, .treated) }
                if i % 250 == 0 { bits |= HealthMilestones.bit(.tuberculosis, .success) }
                if i % 900 == 0 { bits |= HealthMilestones.bit(.hiv, .positive) | HealthMilestones.bit(.hiv, .confirmed) | HealthMilestones.bit(.hiv, .treated) }
                if i % 1800 == 0 { bits |= HealthMilestones.bit(.hiv, .success) }
                facts.health = HealthMilestones(bits: bits)
            }
            if i % 3 == 0 {
                let created = start.adding(days: (i &* 31) % 300)
                let outcome = (i / 3) % 20
                let state: ReferralState = outcome < 12 ? .completed : outcome < 14 ? .attended : outcome < 16 ? .declined : outcome < 18 ? .didNotAttend : .sent
                let attended = state == .completed || state == .attended ? created.adding(days: (i &* 13) % 40) : nil
                let code: ReferralDeclineCode? = state == .declined ? ReferralDeclineCode.allCases[(i / 60) % 4] : nil
                facts.referrals = [ReferralFacts(created: created, firstAttended: attended, state: state, declineCode: code)]
            }
            return facts
        }
        let snapshot = PopulationSnapshot(people)
        var rows: [Row] = []
        var worst = (id: "", ms: 0.0)
        var summary: [String] = []
        for indicator in catalog.indicators {
            progress("indicators: \(indicator.id)")
            let query = try IndicatorQuery(from: start, to: day, home: "BY")
            var runs: [Double] = []
            var result: IndicatorResult?
            for _ in 0..<5 {
                let began = ContinuousClock.now
                result = IndicatorResult.compute(indicator, catalog: catalog, snapshot: snapshot, engine: engine, query: query)
                runs.append(seconds(began.duration(to: .now)) * 1000)
            }
            runs.sort()
            if runs[2] > worst.ms { worst = (indicator.id, runs[2]) }
            let overall = result?.overall
            summary.append(String(format: "%@ %.1f ms (%@ of %@)", indicator.id, runs[2], overall?.numerator.map(String.init) ?? "hidden", overall?.denominator.map(String.init) ?? "hidden"))
        }
        rows.append(Row(benchmark: "each of the \(catalog.indicators.count) shipped indicators with all six one-way breakdowns, suppressed, \(snapshot.count) people (median of 5 each): the slowest",
                        database: "population snapshot", result: String(format: "%.1f ms (%@)", worst.ms, worst.id), target: "< 200 ms"))
        rows.append(Row(benchmark: "the same, every indicator (numerator of denominator overall)", database: "population snapshot",
                        result: summary.joined(separator: "; "), target: "—"))

        progress("indicators: legal status crossed with region")
        let indicator = catalog.indicator("tb-treatment-success") ?? catalog.indicators[0]
        let crossed = try IndicatorQuery(dimensions: [.legalStatus, .region], from: start, to: day, home: "BY")
        var runs: [Double] = []
        for _ in 0..<5 {
            let began = ContinuousClock.now
            _ = IndicatorResult.compute(indicator, catalog: catalog, snapshot: snapshot, engine: engine, query: crossed)
            runs.append(seconds(began.duration(to: .now)) * 1000)
        }
        runs.sort()
        rows.append(Row(benchmark: "\(indicator.id), legal status crossed with region (with both one-way breakdowns), \(snapshot.count) people (median of 5)",
                        database: "population snapshot", result: String(format: "%.1f ms", runs[2]), target: "< 200 ms"))
        return rows
    }
}

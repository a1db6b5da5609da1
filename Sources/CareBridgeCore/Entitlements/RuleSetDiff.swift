/// Where two rule sets (or two readings of one) decide differently: `carebridge rules diff A B`, and the check behind a
/// simulation's "who gains access if". Both are asked about the same probe people, one per cell of a grid fine enough
/// for both: each period start, status, citizenship either set names (and one neither names), insurance, age band,
/// pregnancy and asylum stage.
public enum RuleSetDiff {
    public struct Difference: Sendable, Hashable {
        public var care: CareType
        public var who: String
        public var before: Outcome
        public var after: Outcome
    }

    public static func differences(_ a: DecisionTable, _ b: DecisionTable) -> [Difference] {
        let days = Set(a.axes.periods + b.axes.periods).filter { $0 >= max(a.ruleSet.validFrom, b.ruleSet.validFrom) }.sorted()
        let countries: [String?] = [nil, "other"] + Array(Set(a.axes.classes.flatMap { $0 } + b.axes.classes.flatMap { $0 })).sorted()
        let breaks = Array(Set(a.axes.ageBreaks + b.axes.ageBreaks)).sorted()
        let ages: [Int?] = [nil] + ([0] + breaks).map { Optional($0) }
        let stages = DecisionAxes.stages
        let sizes = [days.count, DecisionAxes.statuses.count, countries.count, 2, ages.count, 2, stages.count, CareType.allCases.count]
        var found: [[Int]: [[Int]]] = [:]   // [care, before id, after id] -> probes
        var outcomes: [Outcome] = []
        func id(_ o: Outcome) -> Int { if let i = outcomes.firstIndex(of: o) { return i }; outcomes.append(o); return outcomes.count - 1 }
        for (p, day) in days.enumerated() {
            for (s, status) in DecisionAxes.statuses.enumerated() {
                for (k, country) in countries.enumerated() {
                    for ins in 0..<2 {
                        for (g, age) in ages.enumerated() {
                            for preg in 0..<2 {
                                for (st, stage) in stages.enumerated() {
                                    let facts = EntitlementFacts(status: status, citizenship: country == "other" ? "\u{0}\u{0}" : country, insured: ins == 1,
                                                                 age: age, pregnant: preg == 1, asylumStage: stage)
                                    guard let x = try? a.firstCell(facts, on: day), let y = try? b.firstCell(facts, on: day) else { continue }
                                    for care in CareType.allCases.indices {
                                        let before = a.decision(at: x + care).outcome, after = b.decision(at: y + care).outcome
                                        if before != after { found[[care, id(before), id(after)], default: []].append([p, s, k, ins, g, preg, st, care]) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        func label(_ axis: Int, _ value: Int) -> String {
            switch axis {
            case 0: return DecisionAxes.describePeriods([value], starts: days)
            case 1: return DecisionAxes.statuses[value].rawValue
            case 2: return value == 0 ? "no citizenship" : value == 1 ? "other countries" : countries[value]!
            case 3, 5: return value == 1 ? "yes" : "no"
            case 4: return ages[value].map { a in breaks.first(where: { $0 > a }).map { "\(a) to under \($0)" } ?? "\(a) and over" } ?? "age unknown"
            default: return stages[value]?.rawValue ?? "none"
            }
        }
        let names = ["dates", "status", "citizenship", "insured", "age", "pregnant", "asylum stage"]
        return found.sorted { $0.key.lexicographicallyPrecedes($1.key) }.flatMap { key, probes in
            CellMerge.merge(probes, sizes: sizes).map { merged in
                let who = (0..<7).compactMap { axis -> String? in
                    merged[axis].count == sizes[axis] ? nil : axis == 0 ? "dates " + DecisionAxes.describePeriods(merged[0], starts: days)
                        : "\(names[axis]) " + merged[axis].sorted().map { label(axis, $0) }.joined(separator: "/")
                }
                return Difference(care: CareType.allCases[key[0]], who: who.isEmpty ? "everyone" : who.joined(separator: ", "),
                                  before: outcomes[key[1]], after: outcomes[key[2]])
            }
        }
    }
}

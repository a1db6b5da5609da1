/// The finite grid a rule set is checked and compiled over. Every rule condition partitions one axis; a person's
/// facts fall in exactly one cell, so a rule set that decides every cell once decides every person.
public struct DecisionAxes: Sendable, Hashable {
    /// Citizenship classes beyond the first two (0 no citizenship, 1 any country no rule names): countries the rules
    /// treat alike share a class, so a grid for a set naming nine countries in four ways has six classes.
    public let classes: [[String]]
    let classOfCountry: [String: Int]
    /// Age breakpoints named by rules, ascending. Band 0 is an unknown age, band i (1...) is [breaks[i-2], breaks[i-1]).
    public let ageBreaks: [Int]
    /// Start days of the periods within which no rule begins or ends, ascending; the first is the rule set's start.
    public let periods: [CalendarDay]
    /// Axes no rule asks about collapse to one value, keeping the grid small.
    public let insuredCount: Int, pregnantCount: Int, stageCount: Int

    static let statuses = LegalStatusKind.allCases
    static let stages: [AsylumStage?] = [nil] + AsylumStage.allCases

    public var classCount: Int { classes.count + 2 }
    public var ageBandCount: Int { ageBreaks.count + 2 }
    /// Cells per period, care types innermost.
    public var cellsPerPeriod: Int { Self.statuses.count * classCount * insuredCount * ageBandCount * pregnantCount * stageCount * CareType.allCases.count }

    init(_ set: RuleSet) {
        var memberOf: [String: Set<Int>] = [:]
        var breaks = Set<Int>()
        var days: Set<CalendarDay> = [set.validFrom]
        for (r, rule) in set.rules.enumerated() {
            for name in rule.conditions.citizenship ?? [] where name != "none" {
                for country in set.groups[name]?.countries ?? [name] { memberOf[country, default: []].insert(r) }
            }
            if let a = rule.conditions.ageFrom { breaks.insert(a) }
            if let a = rule.conditions.ageUnder { breaks.insert(a) }
            if rule.from > set.validFrom { days.insert(rule.from) }
            if let until = rule.until, let next = until.next, next > set.validFrom { days.insert(next) }
        }
        let bySignature = Dictionary(grouping: memberOf.keys) { memberOf[$0]!.sorted() }
        classes = bySignature.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
        var classOf: [String: Int] = [:]
        for (k, members) in classes.enumerated() { for country in members { classOf[country] = k + 2 } }
        classOfCountry = classOf
        ageBreaks = breaks.sorted()
        periods = days.sorted()
        insuredCount = set.rules.contains { $0.conditions.insured != nil } ? 2 : 1
        pregnantCount = set.rules.contains { $0.conditions.pregnant != nil } ? 2 : 1
        stageCount = set.rules.contains { $0.conditions.asylumStages != nil } ? Self.stages.count : 1
    }

    public func citizenshipClass(_ country: String?) -> Int {
        guard let country else { return 0 }
        return classOfCountry[country] ?? 1
    }

    public func ageBand(_ age: Int?) -> Int {
        guard let age else { return 0 }
        return 1 + ageBreaks.count(where: { $0 <= age })
    }

    /// The period a day falls in, or nil before the rule set's start.
    public func period(_ day: CalendarDay) -> Int? {
        guard let first = periods.first, day >= first else { return nil }
        return periods.lastIndex(where: { $0 <= day })!
    }

    /// Index of a cell, care type innermost.
    @inline(__always)
    public func cell(period: Int, status: Int, citizenship: Int, insured: Int, ageBand: Int, pregnant: Int, stage: Int, care: Int) -> Int {
        var i = period * Self.statuses.count + status
        i = i * classCount + citizenship
        i = i * insuredCount + min(insured, insuredCount - 1)
        i = i * ageBandCount + ageBand
        i = i * pregnantCount + min(pregnant, pregnantCount - 1)
        i = i * stageCount + min(stage, stageCount - 1)
        return i * CareType.allCases.count + care
    }

    // MARK: describing cells, for errors and the printed decision table

    func describeClass(_ c: Int) -> String { c == 0 ? "no citizenship" : c == 1 ? "other countries" : classes[c - 2].joined(separator: "+") }

    func describeAgeBand(_ b: Int) -> String {
        if b == 0 { return "age unknown" }
        let low = b >= 2 ? ageBreaks[b - 2] : 0
        if b - 1 < ageBreaks.count { return low == 0 ? "under \(ageBreaks[b - 1])" : "\(low) to under \(ageBreaks[b - 1])" }
        return low == 0 ? "any age" : "\(low) and over"
    }

    func describePeriod(_ p: Int) -> String { Self.describePeriods([p], starts: periods) }

    /// Periods as date ranges, consecutive ones joined: "2015-01-01 to 2020-06-28/from 2025-03-18".
    static func describePeriods(_ chosen: Set<Int>, starts: [CalendarDay]) -> String {
        var ranges: [String] = []
        var i = 0
        let sorted = chosen.sorted()
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            let first = starts[sorted[i]], last = sorted[j]
            ranges.append(last + 1 < starts.count ? "\(first) to \(starts[last + 1].previous!)" : "from \(first)")
            i = j + 1
        }
        return ranges.joined(separator: "/")
    }
}

extension CalendarDay {
    /// The following day.
    public var next: CalendarDay? {
        if day < CalendarDay.days(inMonth: month, year: year) { return try? CalendarDay(year: year, month: month, day: day + 1) }
        if month < 12 { return try? CalendarDay(year: year, month: month + 1, day: 1) }
        return try? CalendarDay(year: year + 1, month: 1, day: 1)
    }

    /// The day before.
    public var previous: CalendarDay? {
        if day > 1 { return try? CalendarDay(year: year, month: month, day: day - 1) }
        if month > 1 { return try? CalendarDay(year: year, month: month - 1, day: CalendarDay.days(inMonth: month - 1, year: year)) }
        return try? CalendarDay(year: year - 1, month: 12, day: 31)
    }

    /// The day as one number (20250318) that orders as days do, for compact columns.
    public var number: Int32 { Int32(year * 10_000 + month * 100 + day) }
}

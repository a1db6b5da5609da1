import Foundation

/// Notified cases of one disease as weekly or monthly counts, whole or broken down by region, citizenship or legal
/// status (on the case's day): the table the case-series API, its CSV and the dashboards show.
public struct CaseSeriesTable: Sendable {
    public enum Interval: String, Sendable, CaseIterable { case week, month }
    public enum Breakdown: String, Sendable, CaseIterable {
        case none, region, citizenship
        case legalStatus = "legal-status"
    }

    /// One notified case: its day, region and the person it is about.
    public struct Case: Sendable {
        public var day: CalendarDay
        public var region: String
        public var personID: UUID
        public init(day: CalendarDay, region: String, personID: UUID) { (self.day, self.region, self.personID) = (day, region, personID) }
    }

    public var periods: [String]
    public var periodStarts: [CalendarDay]
    /// Key ("" for all cases, "unknown" where the breakdown has no value) and counts, nil where suppressed.
    public var rows: [(key: String, counts: [Int?])]
    public var suppressed: Bool

    /// Counts per period from `from` to `through`; with `suppress`, small cells (1-4) are hidden, and in a breakdown
    /// a complementary cell in each period too, so no hidden one can be found from the period's total.
    public static func make(_ cases: [Case], interval: Interval, system: EpiWeekSystem, breakdown: Breakdown, from: CalendarDay, through: CalendarDay,
                            snapshot: PopulationSnapshot?, suppress: Bool) throws -> CaseSeriesTable {
        func key(_ c: Case) -> String {
            switch breakdown {
            case .none: return ""
            case .region: return c.region
            case .citizenship: return snapshot?.citizenship(of: c.personID) ?? "unknown"
            case .legalStatus: return snapshot?.legalStatus(of: c.personID, on: c.day)?.rawValue ?? "unknown"
            }
        }
        var groups: [String: [CalendarDay]] = [:]
        for c in cases { groups[key(c), default: []].append(c.day) }
        if groups.isEmpty { groups[""] = [] }
        let series = try groups.keys.sorted().map { k -> (String, CaseSeries) in
            switch interval {
            case .week: (k, try CaseCounts.weekly(groups[k]!, system: system, from: EpiWeek(from, system: system), through: EpiWeek(through, system: system), name: k))
            case .month: (k, try CaseCounts.monthly(groups[k]!, from: from, through: through, name: k))
            }
        }
        let starts = series.first?.1.dates ?? []
        let periods = starts.map { interval == .week ? EpiWeek($0, system: system).description : String($0.description.prefix(7)) }
        var rows: [(key: String, counts: [Int?])] = series.map { ($0.0, $0.1.observed.map { Optional($0) }) }
        let hide = suppress
        if hide {
            for p in periods.indices {
                let column = SmallCells.suppress(rows.map { $0.counts[p]! })
                for r in rows.indices { rows[r].counts[p] = column[r] }
            }
        }
        return CaseSeriesTable(periods: periods, periodStarts: starts, rows: rows, suppressed: hide)
    }
}

extension PopulationSnapshot {
    /// A person's citizenship (ISO 3166-1 alpha-2), if in the snapshot.
    public func citizenship(of id: UUID) -> String? {
        guard let row = rowOf[id], citizenship[Int(row)] != 0 else { return nil }
        return countries[Int(citizenship[Int(row)])]
    }

    /// The legal status a person held on a day, if in the snapshot.
    public func legalStatus(of id: UUID, on day: CalendarDay) -> LegalStatusKind? {
        guard let row = rowOf[id], let kind = status(Int(row), on: day.number) else { return nil }
        return LegalStatusKind.allCases[kind]
    }
}

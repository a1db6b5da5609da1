import Foundation

/// One published figure: the numerator and denominator where shown, the value (a share from 0 to 1, or a median of
/// days), and when there is no value, why: `suppressed` (a count under five, or hidden so that none can be worked
/// out from the totals), `no-denominator` (nobody in the group), `no-attendance` (a median over nobody).
public struct IndicatorFigure: Codable, Sendable, Hashable {
    public var numerator: Int?
    public var denominator: Int?
    public var value: Double?
    public var suppressed: Bool
    public var na: String?

    public static let suppressedReason = "suppressed", noDenominator = "no-denominator", noAttendance = "no-attendance"

    init(numerator: Int?, denominator: Int?, trueNumerator: Int, trueDenominator: Int, measure: IndicatorDefinition.Measure, days: ArraySlice<Int>) {
        (self.numerator, self.denominator) = (numerator, denominator)
        suppressed = numerator == nil || denominator == nil
        if suppressed {
            na = Self.suppressedReason
        } else if trueDenominator == 0 {
            na = Self.noDenominator
        } else {
            switch measure {
            case .proportion: value = Double(trueNumerator) / Double(trueDenominator)
            case .medianDaysToAttendance:
                value = IndicatorFigure.median(days)
                if value == nil { na = Self.noAttendance }
            }
        }
    }

    /// The median of a histogram of whole days (the mean of the two middle values for an even count).
    static func median(_ histogram: ArraySlice<Int>) -> Double? {
        let n = histogram.reduce(0, +)
        guard n > 0 else { return nil }
        func value(at rank: Int) -> Int {
            var seen = 0
            for (day, count) in zip(0..., histogram) {
                seen += count
                if seen > rank { return day }
            }
            return histogram.count - 1
        }
        return Double(value(at: (n - 1) / 2) + value(at: n / 2)) / 2
    }
}

/// An indicator computed and published: overall, for the reference group, and broken down, every count under five
/// hidden with its complements, every share over a hidden count hidden too.
public struct IndicatorResult: Codable, Sendable {
    public struct Row: Codable, Sendable, Hashable {
        public var code: String
        public var figure: IndicatorFigure
    }
    public struct Breakdown: Codable, Sendable, Hashable {
        public var dimension: IndicatorDimension
        public var rows: [Row]
    }
    /// Two dimensions crossed: `cells[r][c]` for `rows[r]` by `columns[c]`, with each row's and column's total.
    public struct CrossTable: Codable, Sendable, Hashable {
        public var rowDimension: IndicatorDimension
        public var columnDimension: IndicatorDimension
        public var rows: [String]
        public var columns: [String]
        public var cells: [[IndicatorFigure]]
        public var rowTotals: [IndicatorFigure]
        public var columnTotals: [IndicatorFigure]
    }

    public var indicator: String
    public var measure: IndicatorDefinition.Measure
    public var subject: IndicatorDefinition.Subject
    /// Referrals count when made in the period; people are counted as they stand on `to`.
    public var from: CalendarDay?
    public var to: CalendarDay
    public var overall: IndicatorFigure
    /// The citizens' and permanent residents' figure (the catalog's reference group), each row's comparison.
    public var reference: IndicatorFigure
    public var breakdowns: [Breakdown]
    public var crossTable: CrossTable?

    /// Publishes raw counts: suppression of each one-way breakdown (the legal-status one also protecting the reference
    /// group's figure, a sum of its rows), then of a crossed table consistently with the one-way breakdowns of its margins.
    public static func publish(_ counts: IndicatorCounts, indicator: IndicatorDefinition, reference group: IndicatorCatalog.ReferenceGroup,
                               query: IndicatorQuery) -> IndicatorResult {
        let bins = counts.overall.days.count
        let measure = indicator.measure
        func figure(_ num: Int?, _ den: Int?, _ trueNum: Int, _ trueDen: Int, _ days: [Int], cell: Int) -> IndicatorFigure {
            IndicatorFigure(numerator: num, denominator: den, trueNumerator: trueNum, trueDenominator: trueDen, measure: measure,
                            days: bins == 0 ? [] : days[cell * bins..<(cell + 1) * bins])
        }
        let referenceRows = (group.citizens ? [0] : []) + group.statuses.map { LegalStatusKind.allCases.firstIndex(of: $0)! + 1 }

        // One-way breakdowns, each with its own suppression; kept by dimension for the crossed table's margins.
        var oneWay: [IndicatorDimension: (den: (SmallCells.Table, [Int?]), num: (SmallCells.Table, [Int?]), table: IndicatorCounts.Table)] = [:]
        for table in counts.tables where table.dimensions.count == 1 {
            let extra = table.dimensions[0] == .legalStatus ? [referenceRows.map { (row: $0, column: 0) }] : []
            oneWay[table.dimensions[0]] = (SmallCells.suppress(table: table.denominator.map { [$0] }, extraSums: extra),
                                           SmallCells.suppress(table: table.numerator.map { [$0] }, extraSums: extra), table)
        }
        // The overall and the reference figures as the legal-status breakdown publishes them.
        let legal = oneWay[.legalStatus]!
        let overall = figure(legal.num.0.total, legal.den.0.total, counts.overall.numerator[0], counts.overall.denominator[0], counts.overall.days, cell: 0)
        let reference = figure(legal.num.1[0], legal.den.1[0], counts.reference.numerator[0], counts.reference.denominator[0], counts.reference.days, cell: 0)

        let breakdowns: [Breakdown] = query.tables.filter { $0.count == 1 }.map { dims in
            let (den, num, table) = oneWay[dims[0]]!
            let rows = table.codes[0].indices.filter { !dims[0].dropsEmptyRows || table.denominator[$0] > 0 }.map { r in
                Row(code: table.codes[0][r], figure: figure(num.0.cells[r][0], den.0.cells[r][0], table.numerator[r], table.denominator[r], table.days, cell: r))
            }
            return Breakdown(dimension: dims[0], rows: rows)
        }

        var cross: CrossTable?
        if query.dimensions.count == 2, let table = counts.tables.first(where: { $0.dimensions == query.dimensions }),
           let byRow = oneWay[query.dimensions[0]], let byColumn = oneWay[query.dimensions[1]] {
            let nr = table.codes[0].count, nc = table.codes[1].count
            func grid(_ flat: [Int]) -> [[Int]] { (0..<nr).map { r in Array(flat[r * nc..<(r + 1) * nc]) } }
            func shown(_ t: SmallCells.Table) -> [Bool] { t.cells.map { $0[0] != nil } }
            let den = SmallCells.suppress(table: grid(table.denominator), rowTotals: shown(byRow.den.0), columnTotals: shown(byColumn.den.0)).table
            let num = SmallCells.suppress(table: grid(table.numerator), rowTotals: shown(byRow.num.0), columnTotals: shown(byColumn.num.0)).table
            let rowTotalsCounts = (0..<nr).map { r in (table.numerator[r * nc..<(r + 1) * nc].reduce(0, +), table.denominator[r * nc..<(r + 1) * nc].reduce(0, +)) }
            let keptRows = (0..<nr).filter { !query.dimensions[0].dropsEmptyRows || rowTotalsCounts[$0].1 > 0 }
            let keptColumns = (0..<nc).filter { c in !query.dimensions[1].dropsEmptyRows || byColumn.table.denominator[c] > 0 }
            cross = CrossTable(
                rowDimension: query.dimensions[0], columnDimension: query.dimensions[1],
                rows: keptRows.map { table.codes[0][$0] }, columns: keptColumns.map { table.codes[1][$0] },
                cells: keptRows.map { r in keptColumns.map { c in
                    figure(num.cells[r][c], den.cells[r][c], table.numerator[r * nc + c], table.denominator[r * nc + c], table.days, cell: r * nc + c)
                } },
                rowTotals: keptRows.map { r in
                    figure(num.rowTotals[r], den.rowTotals[r], byRow.table.numerator[r], byRow.table.denominator[r], byRow.table.days, cell: r)
                },
                columnTotals: keptColumns.map { c in
                    figure(num.columnTotals[c], den.columnTotals[c], byColumn.table.numerator[c], byColumn.table.denominator[c], byColumn.table.days, cell: c)
                })
        }
        return IndicatorResult(indicator: indicator.id, measure: measure, subject: indicator.subject,
                               from: indicator.subject == .referrals ? query.from : nil, to: query.to,
                               overall: overall, reference: reference, breakdowns: breakdowns, crossTable: cross)
    }

    /// Computes and publishes an indicator over the snapshot.
    public static func compute(_ indicator: IndicatorDefinition, catalog: IndicatorCatalog, snapshot: PopulationSnapshot, engine: ScreeningEngine,
                               query: IndicatorQuery) -> IndicatorResult {
        let counts = IndicatorScan.count(indicator, reference: catalog.referenceGroup, snapshot: snapshot, engine: engine, query: query)
        return publish(counts, indicator: indicator, reference: catalog.referenceGroup, query: query)
    }
}

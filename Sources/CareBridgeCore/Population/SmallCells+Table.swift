/// Small-cell suppression for published tables with totals: the counts of a rows x columns table, each row's total,
/// each column's total and the grand total. A count from 1 to 4 is hidden (a total too: it counts people as well);
/// then, wherever a published sum would leave exactly one hidden term, another term of it is hidden as well
/// (complementary suppression), until no row, column or other published sum can give back a hidden figure.
extension SmallCells {
    /// A sum that is published: the `terms` add up to `total` (indices into a flat list of figures).
    public struct Sum: Sendable, Hashable {
        public var terms: [Int]
        public var total: Int
        public init(terms: [Int], total: Int) { (self.terms, self.total) = (terms, total) }
        var members: [Int] { terms + [total] }
    }

    /// A table as published: each figure, or nil where hidden.
    public struct Table: Sendable, Hashable {
        public var cells: [[Int?]]
        public var rowTotals: [Int?]
        public var columnTotals: [Int?]
        public var total: Int?

        public var hiddenCount: Int {
            cells.joined().count(where: { $0 == nil }) + rowTotals.count(where: { $0 == nil }) + columnTotals.count(where: { $0 == nil }) + (total == nil ? 1 : 0)
        }
    }

    /// Suppresses `counts` (rows of equal length) with their margins. `extraSums` are further published sums over the
    /// cells, as (row, column) groups whose total is also shown (a reference group's figure made of several rows of
    /// one column): they are protected the same way, and their totals are returned in order.
    /// `rowTotals` and `columnTotals`, when given, say how those margins were published elsewhere (a one-way breakdown
    /// by the same dimension): hidden there, they start hidden here; shown there, they are hidden here only if nothing
    /// else can be. The grand total, the headline figure, and the extra sums' totals are likewise hidden only as a last resort.
    public static func suppress(table counts: [[Int]], extraSums: [[(row: Int, column: Int)]] = [], rowTotals: [Bool]? = nil, columnTotals: [Bool]? = nil,
                                threshold: Int = SmallCells.threshold) -> (table: Table, extraTotals: [Int?]) {
        let rows = counts.count, columns = counts.first?.count ?? 0
        precondition(counts.allSatisfy { $0.count == columns }, "a table's rows have the same length")
        // The flat layout: the cells row by row, then the row totals, the column totals, the grand total, the extra totals.
        var values = counts.flatMap { $0 }
        let rowTotal = values.count, columnTotal = rowTotal + rows, grand = columnTotal + columns, extra = grand + 1
        values += counts.map { $0.reduce(0, +) }
        values += (0..<columns).map { c in counts.reduce(0) { $0 + $1[c] } }
        values.append(values[rowTotal..<columnTotal].reduce(0, +))
        values += extraSums.map { group in group.reduce(0) { $0 + counts[$1.row][$1.column] } }
        var sums: [Sum] = (0..<rows).map { r in Sum(terms: Array(r * columns..<(r + 1) * columns), total: rowTotal + r) }
        sums += (0..<columns).map { c in Sum(terms: (0..<rows).map { $0 * columns + c }, total: columnTotal + c) }
        sums.append(Sum(terms: Array(rowTotal..<columnTotal), total: grand))
        sums.append(Sum(terms: Array(columnTotal..<grand), total: grand))
        sums += extraSums.enumerated().map { i, group in Sum(terms: group.map { $0.row * columns + $0.column }, total: extra + i) }

        var hiddenFirst: Set<Int> = [], keep = Set([grand] + extraSums.indices.map { extra + $0 })
        for (r, shown) in (rowTotals ?? []).enumerated() { if shown { keep.insert(rowTotal + r) } else { hiddenFirst.insert(rowTotal + r) } }
        for (c, shown) in (columnTotals ?? []).enumerated() { if shown { keep.insert(columnTotal + c) } else { hiddenFirst.insert(columnTotal + c) } }
        let hidden = suppress(values: values, sums: sums, hiddenFirst: hiddenFirst, keep: keep, threshold: threshold)
        func shown(_ i: Int) -> Int? { hidden[i] ? nil : values[i] }
        let table = Table(cells: (0..<rows).map { r in (0..<columns).map { shown(r * columns + $0) } },
                          rowTotals: (0..<rows).map { shown(rowTotal + $0) }, columnTotals: (0..<columns).map { shown(columnTotal + $0) },
                          total: shown(grand))
        return (table, extraSums.indices.map { shown(extra + $0) })
    }

    /// Which figures to hide, for any set of published sums over them: the small ones and `hiddenFirst`, then
    /// complements until no sum has exactly one hidden member (so none can be solved for it). A complement is the
    /// smallest non-zero figure of the sum not in `keep`, else a zero, else one in `keep`.
    public static func suppress(values: [Int], sums: [Sum], hiddenFirst: Set<Int> = [], keep: Set<Int> = [], threshold: Int = SmallCells.threshold) -> [Bool] {
        var hidden = values.indices.map { (values[$0] > 0 && values[$0] < threshold) || hiddenFirst.contains($0) }
        var changed = true
        while changed {
            changed = false
            for sum in sums {
                let members = sum.members
                guard members.count(where: { hidden[$0] }) == 1 else { continue }
                // Hide the smallest figure still shown, a non-zero one first (hiding a true zero protects little).
                func rank(_ i: Int) -> (Int, Int, Int) { (keep.contains(i) ? 1 : 0, values[i] == 0 ? 1 : 0, values[i]) }
                guard let next = members.filter({ !hidden[$0] }).min(by: { rank($0) < rank($1) }) else { continue }
                hidden[next] = true
                changed = true
            }
        }
        return hidden
    }
}

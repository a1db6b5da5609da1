import CareBridgeCore
import Testing

@Suite("Small-cell suppression of tables: no hidden count can be recomputed from the published totals")
struct SmallCellsTableTests {
    /// The attacker: knows every published figure, and repeatedly solves any row or column (cells with their total,
    /// the totals with the grand total, and any other published sum) that has exactly one unknown, until nothing
    /// changes. Returns the hidden figures it recovered, as (position, value it worked out).
    static func attack(_ table: SmallCells.Table, extra: [([(row: Int, column: Int)], Int?)] = []) -> [String: Int] {
        let rows = table.cells.count, columns = table.cells.first?.count ?? 0
        var known: [String: Int] = [:]
        for r in 0..<rows { for c in 0..<columns { if let v = table.cells[r][c] { known["\(r),\(c)"] = v } } }
        for r in 0..<rows { if let v = table.rowTotals[r] { known["row \(r)"] = v } }
        for c in 0..<columns { if let v = table.columnTotals[c] { known["column \(c)"] = v } }
        if let v = table.total { known["total"] = v }
        var equations: [(terms: [String], total: String)] = []
        for r in 0..<rows { equations.append(((0..<columns).map { "\(r),\($0)" }, "row \(r)")) }
        for c in 0..<columns { equations.append(((0..<rows).map { "\($0),\(c)" }, "column \(c)")) }
        equations.append(((0..<rows).map { "row \($0)" }, "total"))
        equations.append(((0..<columns).map { "column \($0)" }, "total"))
        for (i, (group, value)) in extra.enumerated() {
            if let value { known["extra \(i)"] = value }
            equations.append((group.map { "\($0.row),\($0.column)" }, "extra \(i)"))
        }
        let published = Set(known.keys)
        var changed = true
        while changed {
            changed = false
            for (terms, total) in equations {
                let unknown = (terms + [total]).filter { known[$0] == nil }
                guard unknown.count == 1, let missing = unknown.first else { continue }
                if missing == total {
                    known[total] = terms.reduce(0) { $0 + known[$1]! }
                } else {
                    known[missing] = known[total]! - terms.filter { $0 != missing }.reduce(0) { $0 + known[$1]! }
                }
                changed = true
            }
        }
        return known.filter { !published.contains($0.key) }
    }

    static func check(_ counts: [[Int]], extraSums: [[(row: Int, column: Int)]] = []) -> (SmallCells.Table, [Int?]) {
        let (table, extraTotals) = SmallCells.suppress(table: counts, extraSums: extraSums)
        // Every small count is hidden, every shown figure is the truth.
        for (r, row) in counts.enumerated() {
            for (c, value) in row.enumerated() {
                if value > 0 && value < SmallCells.threshold { #expect(table.cells[r][c] == nil, "\(counts): cell \(r),\(c) = \(value) shown") }
                if let shown = table.cells[r][c] { #expect(shown == value) }
            }
            if let shown = table.rowTotals[r] { #expect(shown == row.reduce(0, +)) }
        }
        let recovered = attack(table, extra: Array(zip(extraSums, extraTotals)))
        #expect(recovered.isEmpty, "\(counts): the attacker recovered \(recovered)")
        return (table, extraTotals)
    }

    @Test("a single small cell in a row takes a second cell of its row and of its column with it")
    func singleSmallCell() {
        let (table, _) = Self.check([[20, 3, 40], [30, 25, 50], [12, 18, 9]])
        #expect(table.cells[0][1] == nil)
        #expect(table.hiddenCount >= 4, "a hidden cell needs a partner in its row and column, and they need theirs")
        #expect(table.total == 207)
    }

    @Test("a table with no small cells is published whole; zeros are shown")
    func nothingSmall() {
        let (table, _) = Self.check([[20, 0, 40], [30, 25, 50]])
        #expect(table.hiddenCount == 0)
        #expect(table.cells[0][1] == 0)
    }

    @Test("a small total is hidden too, and then no figure of its row can leave it as the only unknown")
    func smallRowTotal() {
        let (table, _) = Self.check([[1, 2, 0], [30, 25, 50], [40, 33, 21]])
        #expect(table.rowTotals[0] == nil)
    }

    @Test("a one-column breakdown: a hidden row needs another hidden row, since the overall figure is published")
    func oneColumn() {
        let (table, _) = Self.check([[120], [3], [45], [60]])
        #expect(table.cells[1][0] == nil)
        #expect(table.cells.count(where: { $0[0] == nil }) >= 2)
        #expect(table.total == 228)
    }

    @Test("a published reference group made of two rows cannot be used to recover one of them")
    func referenceGroup() {
        let counts = [[50], [3], [70], [80]]
        let (table, totals) = Self.check(counts, extraSums: [[(0, 0), (1, 0)]])
        #expect(table.cells[1][0] == nil)
        #expect(totals[0] == nil || table.cells[0][0] == nil, "either the group figure or its other row goes")
    }

    @Test("random tables, seeded: every hidden cell stays hidden against the attacker", arguments: 0..<8)
    func randomTables(seed: UInt64) {
        var random = SplitMix(seed: 0xC0FFEE + seed)
        for _ in 0..<60 {
            let rows = Int.random(in: 1...7, using: &random), columns = Int.random(in: 1...6, using: &random)
            // Mostly small numbers, so suppression has work to do; some zeros and some large counts.
            let counts = (0..<rows).map { _ in
                (0..<columns).map { _ -> Int in
                    switch Int.random(in: 0..<10, using: &random) {
                    case 0..<2: 0
                    case 2..<6: Int.random(in: 1...4, using: &random)
                    case 6..<8: Int.random(in: 5...12, using: &random)
                    default: Int.random(in: 13...500, using: &random)
                    }
                }
            }
            let extra: [[(row: Int, column: Int)]] = rows >= 2 ? [[(0, 0), (1, 0)]] : []
            _ = Self.check(counts, extraSums: extra)
        }
    }
}

/// The decision table as people read it: for each care type, who gets which outcome under which rules, with cells
/// that share a decision merged into one row. `carebridge rules check` prints it.
extension DecisionTable {
    public struct Row: Sendable, Hashable {
        public var care: CareType
        public var who: String
        public var outcome: Outcome
        public var rules: [String]
    }

    public var rows: [Row] {
        var byDecision: [Int: [UInt16: [[Int]]]] = [:]
        let sizes = gridSizes
        forEachCell { coordinates, cell in byDecision[coordinates[7], default: [:]][cells[cell], default: []].append(coordinates) }
        var rows: [Row] = []
        for care in CareType.allCases.indices {
            for (id, combos) in (byDecision[care] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let decision = decisions[Int(id)]
                for merged in CellMerge.merge(combos, sizes: sizes) {
                    var who = merged
                    who[7] = Set(0..<sizes[7])
                    rows.append(Row(care: CareType.allCases[care], who: RuleSetCompiler.describe(who, sizes: sizes, axes),
                                    outcome: decision.outcome, rules: decision.applied.map { self.rules[$0].id }))
                }
            }
        }
        return rows
    }

    /// The table as aligned text, one row per line.
    public func listing() -> String {
        let reading = ruleSet.choices.map { "\($0.id)=\(selection[$0.id] ?? $0.defaultOption)" }.joined(separator: ", ")
        var lines = ["\(ruleSet.country) \(ruleSet.version): \(ruleSet.rules.count) rules, \(rules.count) in force, valid from \(ruleSet.validFrom)"
                     + (reading.isEmpty ? "" : "; reading \(reading)")]
        let table = rows
        let careWidth = CareType.allCases.map(\.rawValue.count).max()!
        let outcomeWidth = table.map(\.outcome.description.count).max() ?? 10
        for row in table {
            lines.append(row.care.rawValue.padding(toLength: careWidth, withPad: " ", startingAt: 0) + "  "
                         + row.outcome.description.padding(toLength: outcomeWidth, withPad: " ", startingAt: 0) + "  "
                         + row.who + "  <- " + row.rules.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    var gridSizes: [Int] {
        [axes.periods.count, DecisionAxes.statuses.count, axes.classCount, axes.insuredCount, axes.ageBandCount, axes.pregnantCount, axes.stageCount, CareType.allCases.count]
    }

    /// Every cell with its coordinates (period, status, class, insured, age band, pregnant, stage, care).
    func forEachCell(_ body: ([Int], Int) -> Void) {
        let sizes = gridSizes
        var c = [Int](repeating: 0, count: 8)
        for cell in cells.indices {
            var rest = cell
            for axis in (0..<8).reversed() { c[axis] = rest % sizes[axis]; rest /= sizes[axis] }
            body(c, cell)
        }
    }
}

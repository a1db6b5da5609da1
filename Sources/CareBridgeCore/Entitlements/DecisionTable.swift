/// A rule set compiled for one selection of readings: every cell of the grid holds its decision, so answering for a
/// person is a few array reads (well under the 50 microseconds the issue allows) and a simulation reads one byte
/// per person and care type.
public struct DecisionTable: Sendable {
    struct Decision: Sendable, Hashable {
        var outcome: Outcome
        var applied: [Int]
        var overridden: [Overruled]
    }
    struct Overruled: Sendable, Hashable { var rule: Int; var by: Int; var reason: OverrideReason }

    public let ruleSet: RuleSet
    public let selection: RuleSet.Selection
    public let axes: DecisionAxes
    /// The rules in force under the selection; decisions point into it.
    public let rules: [Rule]
    let decisions: [Decision]
    let cells: [UInt16]
    /// The outcome rank (OutcomeKind.rank) of every cell, for scans.
    public let ranks: [UInt8]

    init(ruleSet: RuleSet, selection: RuleSet.Selection, axes: DecisionAxes, rules: [Rule], decisions: [Decision], cells: [UInt16]) {
        (self.ruleSet, self.selection, self.axes, self.rules, self.decisions, self.cells) = (ruleSet, selection, axes, rules, decisions, cells)
        ranks = cells.map { decisions[Int($0)].outcome.kind.rank }
    }

    /// Every care type's outcome for one person on one day, with the rules behind it.
    public func decide(_ facts: EntitlementFacts, on day: CalendarDay) throws -> [CareDecision] {
        let base = try firstCell(facts, on: day)
        return CareType.allCases.enumerated().map { care, type in
            let decision = decisions[Int(cells[base + care])]
            return CareDecision(care: type, outcome: decision.outcome, applied: decision.applied.map { rules[$0] },
                                overridden: decision.overridden.map { (rules[$0.rule], rules[$0.by], $0.reason) })
        }
    }

    /// The first cell (care type 0) of a person's row: the care types follow it.
    public func firstCell(_ facts: EntitlementFacts, on day: CalendarDay) throws -> Int {
        guard let period = axes.period(day) else {
            throw CareBridgeError.invalid("date", "The rule set \(ruleSet.country) \(ruleSet.version) answers from \(ruleSet.validFrom); \(day) is earlier.")
        }
        return axes.cell(period: period, status: DecisionAxes.statuses.firstIndex(of: facts.status)!,
                         citizenship: axes.citizenshipClass(facts.citizenship), insured: facts.insured ? 1 : 0,
                         ageBand: axes.ageBand(facts.age), pregnant: facts.pregnant ? 1 : 0,
                         stage: DecisionAxes.stages.firstIndex(of: facts.asylumStage)!, care: 0)
    }

    /// The decision of one cell.
    func decision(at cell: Int) -> Decision { decisions[Int(cells[cell])] }
}

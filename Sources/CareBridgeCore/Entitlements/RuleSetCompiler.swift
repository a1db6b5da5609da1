/// Checks a rule set decides every combination exactly once and compiles it into a DecisionTable. A combination no
/// rule decides, or that two rules of the same precedence decide differently, refuses the whole set, naming the
/// combinations (merged where they differ on one axis only, so a gap reads as one line, not hundreds).
public enum RuleSetCompiler {
    /// Checks the set under every combination of its readings (each choice's options), and compiles the one selected.
    public static func compile(_ set: RuleSet, selection: RuleSet.Selection? = nil, file: String) throws(RuleSetProblem) -> DecisionTable {
        var issues: [RuleSetProblem.Issue] = []
        let chosen = set.defaultSelection.merging(selection ?? [:]) { $1 }
        do { try set.validate(chosen) } catch { throw RuleSetProblem(file: file, issues: [.init(line: nil, reason: (error as? CareBridgeError)?.detail ?? "\(error)")]) }
        let selections = allSelections(set)
        guard selections.count <= 256 else {
            throw RuleSetProblem(file: file, issues: [.init(line: nil, reason: "the choices combine into \(selections.count) readings; at most 256 can be checked")])
        }
        var table: DecisionTable?
        for reading in selections {
            let result = build(set, selection: reading)
            let label = set.choices.isEmpty ? "" : " (reading: " + set.choices.map { "\($0.id)=\(reading[$0.id]!)" }.joined(separator: ", ") + ")"
            for issue in result.issues where !issues.contains(where: { $0.reason == issue.reason + label }) {
                issues.append(.init(line: issue.line, reason: issue.reason + label))
            }
            if reading == chosen { table = result.table }
        }
        guard issues.isEmpty, let table else { throw RuleSetProblem(file: file, issues: issues) }
        return table
    }

    static func allSelections(_ set: RuleSet) -> [RuleSet.Selection] {
        set.choices.reduce([[:]]) { partial, choice in
            partial.flatMap { s in choice.options.map { s.merging([choice.id: $0.name]) { $1 } } }
        }
    }

    /// A set of rules (at most 256) as bits, so the rules matching a cell are a few ANDs.
    typealias RuleBits = SIMD4<UInt64>

    static func bits(_ rules: [Rule], _ test: (Rule) -> Bool) -> RuleBits {
        var b = RuleBits()
        for (r, rule) in rules.enumerated() where test(rule) { b[r / 64] |= 1 << UInt64(r % 64) }
        return b
    }

    static func members(_ b: RuleBits) -> [Int] {
        (0..<4).flatMap { w in (0..<64).filter { b[w] & (1 << UInt64($0)) != 0 }.map { w * 64 + $0 } }
    }

    struct Failure: Error, Hashable { var reason: String; var line: Int? }

    static func build(_ set: RuleSet, selection: RuleSet.Selection) -> (table: DecisionTable?, issues: [RuleSetProblem.Issue]) {
        let axes = DecisionAxes(set)
        let rules = set.activeRules(selection)
        guard rules.count <= 256 else { return (nil, [.init(line: nil, reason: "a rule set holds at most 256 rules; this one has \(rules.count)")]) }
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let overrides = rules.map { Set($0.overrides.compactMap { index[$0] }) }
        let outcomes = rules.map(\.outcome)
        let ranks = rules.map { rule in
            (basis: set.bases[rule.basis].flatMap { set.precedence.firstIndex(of: $0.kind) } ?? set.precedence.count, specificity: rule.conditions.specificity)
        }
        // Per axis value, the rules whose condition holds there.
        let named = rules.map { rule in Set((rule.conditions.citizenship ?? []).flatMap { $0 == "none" ? ["none"] : set.groups[$0]?.countries ?? [$0] }) }
        let statusBits = DecisionAxes.statuses.map { s in bits(rules) { $0.conditions.statuses?.contains(s) ?? true } }
        let classBits = (0..<axes.classCount).map { k in
            bits(rules) { rule in
                guard rule.conditions.citizenship != nil else { return true }
                let r = index[rule.id]!
                return k == 0 ? named[r].contains("none") : k == 1 ? false : named[r].contains(axes.classes[k - 2][0])
            }
        }
        let insuredBits = (0..<axes.insuredCount).map { i in bits(rules) { $0.conditions.insured.map { $0 == (i == 1) } ?? true } }
        let ageBits = (0..<axes.ageBandCount).map { band in
            bits(rules) { rule in
                let c = rule.conditions
                if c.ageFrom == nil && c.ageUnder == nil { return true }
                guard band > 0 else { return false }
                let low = band >= 2 ? axes.ageBreaks[band - 2] : 0
                return (c.ageFrom.map { low >= $0 } ?? true) && (c.ageUnder.map { low < $0 } ?? true)
            }
        }
        let pregnantBits = (0..<axes.pregnantCount).map { i in bits(rules) { $0.conditions.pregnant.map { $0 == (i == 1) } ?? true } }
        let stageBits = (0..<axes.stageCount).map { g in
            bits(rules) { rule in rule.conditions.asylumStages.map { list in DecisionAxes.stages[g].map(list.contains) ?? false } ?? true }
        }
        let careBits = CareType.allCases.map { care in bits(rules) { $0.care.contains(care) } }
        let periodBits = axes.periods.map { day in bits(rules) { $0.inForce(on: day) } }

        var decisions: [DecisionTable.Decision] = []
        var known: [DecisionTable.Decision: UInt16] = [:]
        var resolved: [RuleBits: Result<UInt16, Failure>] = [:]
        var cells = [UInt16](repeating: 0, count: axes.periods.count * axes.cellsPerPeriod)
        var failures: [Failure: [[Int]]] = [:]
        let careCount = CareType.allCases.count
        for p in axes.periods.indices {
            for s in DecisionAxes.statuses.indices {
                for k in 0..<axes.classCount {
                    for ins in 0..<axes.insuredCount {
                        for a in 0..<axes.ageBandCount {
                            for preg in 0..<axes.pregnantCount {
                                for g in 0..<axes.stageCount {
                                    let row = periodBits[p] & statusBits[s] & classBits[k] & insuredBits[ins] & ageBits[a] & pregnantBits[preg] & stageBits[g]
                                    let first = axes.cell(period: p, status: s, citizenship: k, insured: ins, ageBand: a, pregnant: preg, stage: g, care: 0)
                                    for care in 0..<careCount {
                                        let candidates = row & careBits[care]
                                        let outcome: Result<UInt16, Failure>
                                        if let done = resolved[candidates] { outcome = done } else {
                                            switch resolve(members(candidates), ranks: ranks, outcomes: outcomes, overrides: overrides) {
                                            case .decided(let applied, let overruled):
                                                let decision = DecisionTable.Decision(outcome: rules[applied[0]].outcome, applied: applied, overridden: overruled)
                                                if let existing = known[decision] { outcome = .success(existing) } else {
                                                    known[decision] = UInt16(decisions.count)
                                                    outcome = .success(UInt16(decisions.count))
                                                    decisions.append(decision)
                                                }
                                            case .undecided:
                                                outcome = .failure(Failure(reason: "no rule decides", line: nil))
                                            case .contradicted(let clash):
                                                let described = clash.map { "'\(rules[$0].id)' (line \(rules[$0].line)) says \(rules[$0].outcome)" }.joined(separator: ", ")
                                                outcome = .failure(Failure(reason: "rules of the same precedence disagree: \(described)", line: rules[clash[0]].line))
                                            }
                                            resolved[candidates] = outcome
                                        }
                                        switch outcome {
                                        case .success(let id): cells[first + care] = id
                                        case .failure(let failure): failures[failure, default: []].append([p, s, k, ins, a, preg, g, care])
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard failures.isEmpty else {
            let sizes = [axes.periods.count, DecisionAxes.statuses.count, axes.classCount, axes.insuredCount, axes.ageBandCount, axes.pregnantCount, axes.stageCount, careCount]
            let issues = failures.sorted { ($0.key.line ?? 0, $0.key.reason) < ($1.key.line ?? 0, $1.key.reason) }.map { failure, combos in
                let merged = CellMerge.merge(combos, sizes: sizes)
                let shown = merged.prefix(8).map { describe($0, sizes: sizes, axes) }.joined(separator: "; ")
                let more = merged.count > 8 ? "; and \(merged.count - 8) more combinations" : ""
                return RuleSetProblem.Issue(line: failure.line, reason: "\(failure.reason) for \(shown)\(more)")
            }
            return (nil, issues)
        }
        guard decisions.count < Int(UInt16.max) else { return (nil, [.init(line: nil, reason: "the rule set makes more than 65,535 distinct decisions")]) }
        return (DecisionTable(ruleSet: set, selection: selection, axes: axes, rules: rules, decisions: decisions, cells: cells), [])
    }

    enum Resolution { case decided([Int], [DecisionTable.Overruled]), undecided, contradicted([Int]) }

    /// Drops rules another candidate explicitly overrides, then keeps those of the strongest basis and, among them,
    /// the most specific. They must agree.
    static func resolve(_ candidates: [Int], ranks: [(basis: Int, specificity: Int)], outcomes: [Outcome], overrides: [Set<Int>]) -> Resolution {
        guard !candidates.isEmpty else { return .undecided }
        var overruled: [DecisionTable.Overruled] = []
        var standing: [Int] = []
        for r in candidates {
            if let by = candidates.first(where: { overrides[$0].contains(r) }) { overruled.append(.init(rule: r, by: by, reason: .explicit)) } else { standing.append(r) }
        }
        guard !standing.isEmpty else { return .undecided }
        let best = standing.map { ranks[$0] }.min { ($0.basis, -$0.specificity) < ($1.basis, -$1.specificity) }!
        let top = standing.filter { ranks[$0] == best }
        for r in standing where !top.contains(r) {
            overruled.append(.init(rule: r, by: top[0], reason: ranks[r].basis > best.basis ? .strongerBasis : .moreSpecific))
        }
        if top.contains(where: { outcomes[$0] != outcomes[top[0]] }) { return .contradicted(top) }
        return .decided(top, overruled)
    }

    static func describe(_ cell: [Set<Int>], sizes: [Int], _ axes: DecisionAxes) -> String {
        func part(_ axis: Int, _ size: Int, _ name: String, _ label: (Int) -> String) -> String? {
            cell[axis].count == size ? nil : "\(name) " + cell[axis].sorted().map(label).joined(separator: "/")
        }
        let parts = [
            part(7, CareType.allCases.count, "care") { CareType.allCases[$0].rawValue },
            part(1, DecisionAxes.statuses.count, "status") { DecisionAxes.statuses[$0].rawValue },
            part(2, axes.classCount, "citizenship") { axes.describeClass($0) },
            part(3, sizes[3], "insured") { $0 == 1 ? "yes" : "no" },
            part(4, axes.ageBandCount, "age") { axes.describeAgeBand($0) },
            part(5, sizes[5], "pregnant") { $0 == 1 ? "yes" : "no" },
            part(6, sizes[6], "asylum stage") { DecisionAxes.stages[$0]?.rawValue ?? "none" },
            cell[0].count == axes.periods.count ? nil : "dates " + DecisionAxes.describePeriods(cell[0], starts: axes.periods),
        ].compactMap { $0 }
        return parts.isEmpty ? "every combination" : parts.joined(separator: ", ")
    }
}

/// Merges grid cells that differ on one axis only into one combination with a set of values there, axis by axis,
/// so a gap such as "tb-treatment for temporary-stay" reads as one line.
enum CellMerge {
    static func merge(_ cells: [[Int]], sizes: [Int]) -> [[Set<Int>]] {
        var combos = cells.map { $0.map { Set([$0]) } }
        for _ in 0..<2 {
            for axis in sizes.indices.reversed() {
                var grouped: [[Set<Int>]: Set<Int>] = [:]
                var order: [[Set<Int>]] = []
                for combo in combos {
                    var key = combo
                    key[axis] = []
                    if grouped[key] == nil { order.append(key) }
                    grouped[key, default: []].formUnion(combo[axis])
                }
                combos = order.map { key in var c = key; c[axis] = grouped[key]!; return c }
            }
        }
        return combos
    }
}

import CareBridgeCore
import CareBridgeStore
import Foundation

/// A rule as the API shows it: its text in the reader's language, and the act it rests on.
struct RuleBody: Encodable {
    var id: String
    var text: String
    var outcome: String
    var price: String?
    var care: [String]
    var basis: BasisBody?
    var from: CalendarDay
    var until: CalendarDay?

    init(_ rule: Rule, in set: RuleSet, language: String) {
        (id, text, outcome, price) = (rule.id, rule.text(in: language), rule.outcome.kind.rawValue, rule.outcome.price)
        care = rule.care.map(\.rawValue)
        basis = set.bases[rule.basis].map(BasisBody.init)
        (from, until) = (rule.from, rule.until)
    }
}

struct BasisBody: Encodable {
    var id: String
    var kind: String
    var title: String
    var source: String
    init(_ basis: LegalBasis) { (id, kind, title, source) = (basis.id, basis.kind.rawValue, basis.title, basis.source) }
}

/// One care type's answer with its reasons.
struct CareDecisionBody: Encodable {
    struct Overridden: Encodable { var rule: String; var by: String; var reason: String }
    var care: String
    var outcome: String
    var price: String?
    var bring: [String]
    var applied: [RuleBody]
    var overridden: [Overridden]

    init(_ d: CareDecision, in set: RuleSet, language: String) {
        (care, outcome, price, bring) = (d.care.rawValue, d.outcome.kind.rawValue, d.outcome.price, d.bring)
        applied = d.applied.map { RuleBody($0, in: set, language: language) }
        overridden = d.overridden.map { Overridden(rule: $0.rule.id, by: $0.by.id, reason: $0.reason.rawValue) }
    }
}

struct RuleSetRef: Encodable {
    var id: UUID
    var country: String
    var version: String
    var selection: [String: String]
}

struct PersonEntitlementsBody: Encodable {
    var personId: UUID
    var date: CalendarDay
    var ruleSet: RuleSetRef
    var facts: EntitlementFacts
    var care: [CareDecisionBody]

    init(_ e: EntitlementService.PersonEntitlements, language: String) {
        (personId, date, facts) = (e.personID, e.day, e.facts)
        let stored = e.inForce.stored
        ruleSet = RuleSetRef(id: stored.id, country: stored.country, version: stored.version, selection: e.inForce.table.selection)
        care = e.decisions.map { CareDecisionBody($0, in: e.inForce.table.ruleSet, language: language) }
    }
}

/// A stored rule set: what it is, whether in force, its choices and, when asked for one, its rules.
struct RuleSetBody: Encodable {
    struct ChoiceBody: Encodable {
        var id: String
        var question: String
        var options: [String: [String]]
        var defaultOption: String
        var selected: String
    }
    var id: UUID
    var country: String
    var version: String
    var title: String?
    var fileName: String
    var sha256: String
    var shipped: Bool
    var inForce: Bool
    var uploadedAt: Date
    var validFrom: CalendarDay?
    var choices: [ChoiceBody]?
    var rules: [RuleBody]?
    var yaml: String?

    init(_ stored: StoredRuleSet, set: RuleSet?, language: String, full: Bool) {
        (id, country, version, fileName, sha256) = (stored.id, stored.country, stored.version, stored.fileName, stored.sha256)
        (shipped, inForce, uploadedAt) = (stored.shipped, stored.inForce, stored.uploadedAt)
        title = set.map { $0.title[language] ?? $0.title["en"] ?? "" }
        validFrom = set?.validFrom
        choices = set?.choices.map { choice in
            ChoiceBody(id: choice.id, question: choice.question[language] ?? choice.question["en"] ?? choice.id,
                       options: Dictionary(uniqueKeysWithValues: choice.options.map { ($0.name, $0.rules) }),
                       defaultOption: choice.defaultOption, selected: stored.selection[choice.id] ?? choice.defaultOption)
        }
        if full, let set {
            rules = set.rules.map { RuleBody($0, in: set, language: language) }
            yaml = stored.yaml
        }
    }
}

struct DecisionRowBody: Encodable {
    var care: String
    var who: String
    var outcome: String
    var price: String?
    var rules: [String]
    init(_ row: DecisionTable.Row) { (care, who, outcome, price, rules) = (row.care.rawValue, row.who, row.outcome.kind.rawValue, row.outcome.price, row.rules) }
}

/// A simulation as published: every count of people under 5 hidden (DESIGN.md), with complementary suppression
/// within each breakdown, so no cell can be recovered from the others.
struct SimulationBody: Encodable {
    struct Counts: Encodable { var gained: Int?; var lost: Int? }
    struct Cell: Encodable { var value: String; var gained: Int?; var lost: Int? }
    struct CareBody: Encodable {
        var care: String
        var before: [String: Int?]
        var after: [String: Int?]
        var gained: Int?
        var lost: Int?
        var byStatus: [Cell]
        var byCitizenship: [Cell]
        var byRegion: [Cell]
    }
    var id: UUID
    var title: String
    var date: CalendarDay
    var createdAt: Date
    var baselineRuleSetId: UUID
    var baselineSelection: [String: String]
    var alternative: String
    var alternativeChanges: RuleSetChanges?
    var people: Int
    var withoutStatus: Int?
    var suppressedBelow: Int
    var care: [CareBody]

    init(_ stored: StoredSimulation) throws {
        let scan = try JSONDecoder.api.decode(EntitlementScan.self, from: Data(stored.result.utf8))
        (id, title, date, createdAt) = (stored.id, stored.title, stored.onDate, stored.createdAt)
        (baselineRuleSetId, baselineSelection, alternative) = (stored.baselineRuleSetID, stored.baselineSelection, stored.alternativeLabel)
        alternativeChanges = try? JSONDecoder.api.decode(RuleSetChanges.self, from: Data(stored.alternativeChanges.utf8))
        (people, withoutStatus, suppressedBelow) = (scan.people, SmallCells.suppress([scan.withoutStatus])[0], SmallCells.threshold)
        care = scan.care.map { c in
            func outcomes(_ counts: [Int]) -> [String: Int?] {
                let shown = SmallCells.suppress(counts)
                return Dictionary(uniqueKeysWithValues: OutcomeKind.allCases.map { ($0.rawValue, shown[Int($0.rank)]) })
            }
            func cells(_ values: [String], _ gained: [Int], _ lost: [Int]) -> [Cell] {
                let g = SmallCells.suppress(gained), l = SmallCells.suppress(lost)
                return values.indices.filter { gained[$0] + lost[$0] > 0 }.map { Cell(value: values[$0].isEmpty ? "not recorded" : values[$0], gained: g[$0], lost: l[$0]) }
            }
            let totals = SmallCells.suppress([c.gained, c.lost])
            return CareBody(care: c.care.rawValue, before: outcomes(c.before), after: outcomes(c.after), gained: totals[0], lost: totals[1],
                            byStatus: cells(scan.statuses, c.gainedByStatus, c.lostByStatus),
                            byCitizenship: cells(scan.countries, c.gainedByCitizenship, c.lostByCitizenship),
                            byRegion: cells(scan.regions, c.gainedByRegion, c.lostByRegion))
        }
    }

    /// The published figures as CSV: one line per care type and breakdown cell; hidden cells read "<5".
    var csv: String {
        func n(_ v: Int?) -> String { v.map(String.init) ?? "<\(suppressedBelow)" }
        var lines = ["care,breakdown,value,gained,lost"]
        for c in care {
            lines.append(CSV.line([c.care, "all", "", n(c.gained), n(c.lost)]))
            for (name, cells) in [("status", c.byStatus), ("citizenship", c.byCitizenship), ("region", c.byRegion)] {
                for cell in cells { lines.append(CSV.line([c.care, name, cell.value, n(cell.gained), n(cell.lost)])) }
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

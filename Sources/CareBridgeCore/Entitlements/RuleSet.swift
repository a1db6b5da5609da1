/// Entitlements as data: one country's rules for one version, read from YAML (RuleSetParser), checked whole before it
/// is used (RuleSetCompiler). Nothing in it is compiled into the program.
public struct RuleSet: Sendable, Hashable {
    public var country: String
    public var version: String
    public var title: [String: String]
    /// The first day the rule set answers for; it must decide every combination on every day from here on.
    public var validFrom: CalendarDay
    /// Basis kinds from strongest to weakest: where two rules decide one case, the stronger basis wins, then the rule
    /// with more conditions (the specific over the general), unless a rule names the ones it `overrides`.
    public var precedence: [BasisKind]
    public var groups: [String: CountryGroup]
    public var bases: [String: LegalBasis]
    public var choices: [Choice]
    public var rules: [Rule]

    public init(country: String, version: String, title: [String: String], validFrom: CalendarDay, precedence: [BasisKind],
                groups: [String: CountryGroup], bases: [String: LegalBasis], choices: [Choice], rules: [Rule]) {
        (self.country, self.version, self.title, self.validFrom, self.precedence) = (country, version, title, validFrom, precedence)
        (self.groups, self.bases, self.choices, self.rules) = (groups, bases, choices, rules)
    }

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    /// Each choice's default option.
    public var defaultSelection: Selection { Dictionary(uniqueKeysWithValues: choices.map { ($0.id, $0.defaultOption) }) }

    /// The rules in force under a selection of readings: every rule outside a choice, and those of the chosen options.
    public func activeRules(_ selection: Selection) -> [Rule] {
        var inactive = Set<String>()
        for choice in choices {
            let chosen = selection[choice.id] ?? choice.defaultOption
            for option in choice.options where option.name != chosen { inactive.formUnion(option.rules) }
        }
        return rules.filter { !inactive.contains($0.id) }
    }

    /// Checks a selection names existing choices and options.
    public func validate(_ selection: Selection) throws {
        for (id, option) in selection {
            guard let choice = choices.first(where: { $0.id == id }) else {
                throw CareBridgeError.invalid("choices", "The rule set has no choice '\(id)'; it has \(choices.map(\.id).joined(separator: ", ")).")
            }
            guard choice.options.contains(where: { $0.name == option }) else {
                throw CareBridgeError.invalid("choices", "Choice '\(id)' has no option '\(option)'; it has \(choice.options.map(\.name).joined(separator: ", ")).")
            }
        }
    }

    /// Which option of each choice is in force, by choice id.
    public typealias Selection = [String: String]
}

/// A named group of countries a rule can name instead of listing them (the CIS states party to a treaty, the EAEU).
public struct CountryGroup: Sendable, Hashable, Codable {
    public var countries: [String]
    public var source: String?
    public init(countries: [String], source: String?) { (self.countries, self.source) = (countries, source) }
}

/// The act a rule rests on, cited once and named by rules.
public struct LegalBasis: Sendable, Hashable, Codable {
    public var id: String
    public var kind: BasisKind
    public var title: String
    public var source: String
    public init(id: String, kind: BasisKind, title: String, source: String) {
        (self.id, self.kind, self.title, self.source) = (id, kind, title, source)
    }
}

/// Where sources disagree, each reading is its own set of rules and an administrator picks one.
public struct Choice: Sendable, Hashable, Codable {
    public struct Option: Sendable, Hashable, Codable {
        public var name: String
        public var rules: [String]
        public init(name: String, rules: [String]) { (self.name, self.rules) = (name, rules) }
    }
    public var id: String
    public var question: [String: String]
    public var options: [Option]
    public var defaultOption: String
    public var line: Int

    public init(id: String, question: [String: String], options: [Option], defaultOption: String, line: Int) {
        (self.id, self.question, self.options, self.defaultOption, self.line) = (id, question, options, defaultOption, line)
    }
}

/// For whom a rule holds. A nil condition holds for everyone.
public struct Conditions: Sendable, Hashable, Codable {
    public var statuses: [LegalStatusKind]?
    /// ISO 3166-1 alpha-2 codes, group names, or `none` for a person without citizenship.
    public var citizenship: [String]?
    public var insured: Bool?
    /// Age in whole years: at least `ageFrom`, under `ageUnder`.
    public var ageFrom: Int?
    public var ageUnder: Int?
    public var pregnant: Bool?
    public var asylumStages: [AsylumStage]?

    public init(statuses: [LegalStatusKind]? = nil, citizenship: [String]? = nil, insured: Bool? = nil, ageFrom: Int? = nil,
                ageUnder: Int? = nil, pregnant: Bool? = nil, asylumStages: [AsylumStage]? = nil) {
        (self.statuses, self.citizenship, self.insured, self.ageFrom) = (statuses, citizenship, insured, ageFrom)
        (self.ageUnder, self.pregnant, self.asylumStages) = (ageUnder, pregnant, asylumStages)
    }

    /// How many things the rule asks about: the specific over the general.
    public var specificity: Int {
        [statuses != nil, citizenship != nil, insured != nil, ageFrom != nil || ageUnder != nil, pregnant != nil, asylumStages != nil]
            .filter { $0 }.count
    }
}

/// One rule: for whom, for which care, what outcome, on what legal basis, from when.
public struct Rule: Sendable, Hashable, Codable {
    public var id: String
    public var text: [String: String]
    public var conditions: Conditions
    public var care: [CareType]
    public var outcome: Outcome
    public var basis: String
    public var from: CalendarDay
    public var until: CalendarDay?
    public var overrides: [String]
    /// Papers to bring, as keys the navigator translates (passport, residence-permit, insurance-policy...).
    public var bring: [String]
    public var line: Int

    public init(id: String, text: [String: String], conditions: Conditions, care: [CareType], outcome: Outcome, basis: String,
                from: CalendarDay, until: CalendarDay?, overrides: [String] = [], bring: [String] = [], line: Int = 0) {
        (self.id, self.text, self.conditions, self.care, self.outcome, self.basis) = (id, text, conditions, care, outcome, basis)
        (self.from, self.until, self.overrides, self.bring, self.line) = (from, until, overrides, bring, line)
    }

    public func inForce(on day: CalendarDay) -> Bool { from <= day && until.map { day <= $0 } ?? true }

    /// The rule's text in a language, else English, else any.
    public func text(in language: String) -> String { text[language] ?? text["en"] ?? text.values.first ?? id }
}

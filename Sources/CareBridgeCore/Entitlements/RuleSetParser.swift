import Yams

/// Reads a rule set from YAML, keeping the line of everything it reads so each problem names where it is.
/// The format is documented in docs/rule-sets.md; `carebridge rules check FILE` prints what a file decides.
public struct RuleSetParser {
    let file: String
    let countries: Set<String>?
    var issues: [RuleSetProblem.Issue] = []

    /// `countries`: the ISO 3166-1 alpha-2 codes a citizenship may name (nil accepts any two capital letters).
    public init(file: String, countries: Set<String>? = nil) { (self.file, self.countries) = (file, countries) }

    public static func parse(_ yaml: String, file: String, countries: Set<String>? = nil) throws(RuleSetProblem) -> RuleSet {
        var parser = RuleSetParser(file: file, countries: countries)
        return try parser.parse(yaml)
    }

    mutating func parse(_ yaml: String) throws(RuleSetProblem) -> RuleSet {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw problem(nil, "the file is empty") }
            root = node
        } catch let error as YamlError {
            throw RuleSetProblem(file: file, issues: [Self.issue(error)])
        } catch let error as RuleSetProblem {
            throw error
        } catch {
            throw RuleSetProblem(file: file, issues: [.init(line: nil, reason: "\(error)")])
        }
        guard let top = mapping(root, "the rule set", keys: ["country", "version", "title", "valid-from", "precedence", "groups", "bases", "choices", "rules"]) else {
            throw problem(root.mark?.line, "a rule set is a mapping with country, version, valid-from, precedence, bases and rules")
        }
        let country = string(top["country"], "country", required: root) ?? "??"
        if let line = top["country"]?.mark?.line, country.count != 2 || country.uppercased() != country { issue(line, "country must be an ISO 3166-1 alpha-2 code such as BY") }
        let version = string(top["version"], "version", required: root) ?? ""
        let title = texts(top["title"], "title", required: root)
        let validFrom = day(top["valid-from"], "valid-from", required: root)
        var precedence: [BasisKind] = []
        for node in sequence(top["precedence"], "precedence", required: root) {
            if let kind = code(node, "precedence", BasisKind.self) {
                if precedence.contains(kind) { issue(node.mark?.line, "precedence names \(kind.rawValue) twice") }
                precedence.append(kind)
            }
        }
        let groups = parseGroups(top["groups"])
        let bases = parseBases(top["bases"], root: root)
        var rules: [Rule] = []
        for node in sequence(top["rules"], "rules", required: root) { if let rule = parseRule(node, groups: groups, bases: bases, precedence: precedence) { rules.append(rule) } }
        var seen: [String: Int] = [:]
        for rule in rules {
            if let first = seen[rule.id] { issue(rule.line, "rule id '\(rule.id)' is used twice (first on line \(first))") } else { seen[rule.id] = rule.line }
            if let until = rule.until, until < rule.from { issue(rule.line, "rule '\(rule.id)' ends (\(until)) before it starts (\(rule.from))") }
            for other in rule.overrides where seen[other] == nil && !rules.contains(where: { $0.id == other }) {
                issue(rule.line, "rule '\(rule.id)' overrides '\(other)', which is not a rule of this set")
            }
        }
        let choices = parseChoices(top["choices"], rules: Set(rules.map(\.id)))
        guard issues.isEmpty, let validFrom else { throw RuleSetProblem(file: file, issues: issues.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
        return RuleSet(country: country, version: version, title: title, validFrom: validFrom, precedence: precedence,
                       groups: groups, bases: bases, choices: choices, rules: rules)
    }

    // MARK: sections

    mutating func parseGroups(_ node: Node?) -> [String: CountryGroup] {
        guard let node, let map = mapping(node, "groups") else { return [:] }
        var groups: [String: CountryGroup] = [:]
        for (key, value) in map {
            guard let name = key.string, let fields = mapping(value, "group '\(key.string ?? "")'", keys: ["countries", "source"]) else { continue }
            if name == "none" || isCountryCode(name) { issue(key.mark?.line, "group name '\(name)' would be read as a country code; choose another") }
            let members = sequence(fields["countries"], "countries", required: value).compactMap { countryCode($0) }
            if members.isEmpty { issue(value.mark?.line, "group '\(name)' lists no countries") }
            groups[name] = CountryGroup(countries: members, source: string(fields["source"], "source"))
        }
        return groups
    }

    mutating func parseBases(_ node: Node?, root: Node) -> [String: LegalBasis] {
        guard let node else { issue(root.mark?.line, "bases is missing: every rule cites a legal basis"); return [:] }
        guard let map = mapping(node, "bases") else { return [:] }
        var bases: [String: LegalBasis] = [:]
        for (key, value) in map {
            guard let id = key.string, let fields = mapping(value, "basis '\(key.string ?? "")'", keys: ["kind", "title", "source"]) else { continue }
            let kind = fields["kind"].flatMap { code($0, "kind", BasisKind.self) }
            if fields["kind"] == nil { issue(value.mark?.line, "basis '\(id)' has no kind") }
            let title = string(fields["title"], "title", required: value) ?? ""
            let source = string(fields["source"], "source", required: value) ?? ""
            if let kind { bases[id] = LegalBasis(id: id, kind: kind, title: title, source: source) }
        }
        return bases
    }

    mutating func parseChoices(_ node: Node?, rules: Set<String>) -> [Choice] {
        guard let node else { return [] }
        var choices: [Choice] = []
        var owner: [String: String] = [:]
        for item in sequence(node, "choices") {
            guard let fields = mapping(item, "a choice", keys: ["id", "question", "options", "default"]) else { continue }
            let line = item.mark?.line ?? 0
            let id = string(fields["id"], "id", required: item) ?? ""
            var options: [Choice.Option] = []
            if let map = fields["options"].flatMap({ mapping($0, "options") }) {
                for (key, value) in map {
                    let name = key.string ?? ""
                    let members = sequence(value, "option '\(name)'").compactMap { string($0, "rule id") }
                    for member in members {
                        if !rules.contains(member) { issue(value.mark?.line, "option '\(name)' of choice '\(id)' names '\(member)', which is not a rule of this set") }
                        if let other = owner[member] { issue(value.mark?.line, "rule '\(member)' is in two options ('\(other)' and '\(id).\(name)'); a rule belongs to one reading") }
                        owner[member] = "\(id).\(name)"
                    }
                    options.append(.init(name: name, rules: members))
                }
            } else { issue(line, "choice '\(id)' has no options") }
            if options.count < 2 { issue(line, "choice '\(id)' needs at least two options") }
            let chosen = string(fields["default"], "default", required: item) ?? ""
            if !options.isEmpty, !options.contains(where: { $0.name == chosen }) { issue(fields["default"]?.mark?.line ?? line, "default '\(chosen)' of choice '\(id)' is not one of its options") }
            if choices.contains(where: { $0.id == id }) { issue(line, "choice id '\(id)' is used twice") }
            choices.append(Choice(id: id, question: texts(fields["question"], "question", required: item), options: options, defaultOption: chosen, line: line))
        }
        return choices
    }

    mutating func parseRule(_ node: Node, groups: [String: CountryGroup], bases: [String: LegalBasis], precedence: [BasisKind]) -> Rule? {
        guard let fields = mapping(node, "a rule", keys: ["id", "text", "who", "care", "outcome", "price", "basis", "from", "until", "overrides", "bring"]) else { return nil }
        let line = node.mark?.line ?? 0
        let id = string(fields["id"], "id", required: node) ?? ""
        let text = texts(fields["text"], "text", required: node)
        let conditions = fields["who"].map { parseConditions($0, groups: groups) } ?? Conditions()
        var care: [CareType] = []
        if let careNode = fields["care"] {
            if careNode.string == "all" { care = CareType.allCases } else {
                for item in sequence(careNode, "care") { if let type = code(item, "care", CareType.self) { care.append(type) } }
            }
            if care.isEmpty { issue(careNode.mark?.line, "rule '\(id)' decides no care type: care is 'all' or a list of \(CareType.allCases.map(\.rawValue).joined(separator: ", "))") }
        } else { issue(line, "rule '\(id)' has no care") }
        let kind = fields["outcome"].flatMap { code($0, "outcome", OutcomeKind.self) }
        if fields["outcome"] == nil { issue(line, "rule '\(id)' has no outcome") }
        let price = string(fields["price"], "price")
        if price != nil, kind != .paid { issue(fields["price"]?.mark?.line, "rule '\(id)' names a price but its outcome is not paid") }
        let basis = string(fields["basis"], "basis", required: node) ?? ""
        if !basis.isEmpty {
            if let cited = bases[basis] {
                if !precedence.isEmpty, !precedence.contains(cited.kind) { issue(fields["basis"]?.mark?.line, "basis '\(basis)' is a \(cited.kind.rawValue), which precedence does not rank") }
            } else { issue(fields["basis"]?.mark?.line, "rule '\(id)' cites basis '\(basis)', which bases does not define") }
        }
        let from = day(fields["from"], "from", required: node)
        let until = day(fields["until"], "until")
        let overrides = fields["overrides"].map { sequence($0, "overrides").compactMap { string($0, "rule id") } } ?? []
        let bring = fields["bring"].map { sequence($0, "bring").compactMap { string($0, "paper") } } ?? []
        guard let kind, let from else { return nil }
        return Rule(id: id, text: text, conditions: conditions, care: care, outcome: Outcome(kind, price: price), basis: basis,
                    from: from, until: until, overrides: overrides, bring: bring, line: line)
    }

    mutating func parseConditions(_ node: Node, groups: [String: CountryGroup]) -> Conditions {
        guard let fields = mapping(node, "who", keys: ["status", "citizenship", "insured", "age", "pregnant", "asylum-stage"]) else { return Conditions() }
        var c = Conditions()
        if let n = fields["status"] { c.statuses = list(n, "status").compactMap { code($0, "status", LegalStatusKind.self) } }
        if let n = fields["citizenship"] {
            c.citizenship = list(n, "citizenship").compactMap { item -> String? in
                guard let value = item.string else { issue(item.mark?.line, "citizenship lists a country code, a group name or none"); return nil }
                if value == "none" || groups[value] != nil { return value }
                return countryCode(item)
            }
        }
        c.insured = fields["insured"].flatMap { bool($0, "insured") }
        c.pregnant = fields["pregnant"].flatMap { bool($0, "pregnant") }
        if let n = fields["asylum-stage"] { c.asylumStages = list(n, "asylum-stage").compactMap { code($0, "asylum-stage", AsylumStage.self) } }
        if let n = fields["age"], let age = mapping(n, "age", keys: ["from", "under"]) {
            c.ageFrom = age["from"].flatMap { int($0, "age from") }
            c.ageUnder = age["under"].flatMap { int($0, "age under") }
            if c.ageFrom == nil && c.ageUnder == nil { issue(n.mark?.line, "age needs from, under or both") }
            if let a = c.ageFrom, let b = c.ageUnder, b <= a { issue(n.mark?.line, "age range under \(b) ends before from \(a)") }
        }
        return c
    }

    // MARK: reading nodes

    mutating func issue(_ line: Int?, _ reason: String) { issues.append(.init(line: line, reason: reason)) }
    func problem(_ line: Int?, _ reason: String) -> RuleSetProblem { RuleSetProblem(file: file, issues: [.init(line: line, reason: reason)]) }

    static func issue(_ error: YamlError) -> RuleSetProblem.Issue {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return .init(line: mark.line, reason: "YAML syntax: \(problem)")
        default:
            return .init(line: nil, reason: "YAML: \(error)")
        }
    }

    mutating func mapping(_ node: Node, _ what: String, keys: Set<String>? = nil) -> Node.Mapping? {
        guard let map = node.mapping else { issue(node.mark?.line, "\(what) must be a mapping (key: value)"); return nil }
        if let keys {
            for key in map.keys {
                if let name = key.string, !keys.contains(name) { issue(key.mark?.line, "\(what): unknown key '\(name)'; known keys are \(keys.sorted().joined(separator: ", "))") }
            }
        }
        return map
    }

    mutating func sequence(_ node: Node?, _ what: String, required parent: Node? = nil) -> [Node] {
        guard let node else {
            if let parent { issue(parent.mark?.line, "\(what) is missing") }
            return []
        }
        guard let items = node.sequence else { issue(node.mark?.line, "\(what) must be a list"); return [] }
        return Array(items)
    }

    /// A list, or a single value read as a list of one.
    mutating func list(_ node: Node, _ what: String) -> [Node] { node.sequence.map(Array.init) ?? [node] }

    mutating func string(_ node: Node?, _ what: String, required parent: Node? = nil) -> String? {
        guard let node else {
            if let parent { issue(parent.mark?.line, "\(what) is missing") }
            return nil
        }
        guard let value = node.scalar?.string, !value.trimmed.isEmpty else { issue(node.mark?.line, "\(what) must be a non-empty text"); return nil }
        return value
    }

    mutating func texts(_ node: Node?, _ what: String, required parent: Node) -> [String: String] {
        guard let node else { issue(parent.mark?.line, "\(what) is missing"); return [:] }
        if let single = node.scalar?.string { return ["en": single] }
        guard let map = mapping(node, what) else { return [:] }
        var texts: [String: String] = [:]
        for (key, value) in map { if let language = key.string, let text = string(value, "\(what).\(language)") { texts[language] = text } }
        if texts["en"] == nil { issue(node.mark?.line, "\(what) needs an English text (en), the fallback for every language") }
        return texts
    }

    mutating func code<T: TypedCode>(_ node: Node, _ what: String, _ type: T.Type) -> T? {
        guard let text = node.scalar?.string else { issue(node.mark?.line, "\(what) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))"); return nil }
        guard let value = T(rawValue: text) else {
            issue(node.mark?.line, "unknown \(what) '\(text)'; known: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    mutating func day(_ node: Node?, _ what: String, required parent: Node? = nil) -> CalendarDay? {
        guard let text = string(node, what, required: parent) else { return nil }
        do { return try CalendarDay(parsing: text, field: what) } catch {
            issue(node?.mark?.line, "\(what) '\(text)' is not a date written YYYY-MM-DD")
            return nil
        }
    }

    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        switch node.scalar?.string { case "true", "yes": return true; case "false", "no": return false
        default: issue(node.mark?.line, "\(what) must be true or false"); return nil }
    }

    mutating func int(_ node: Node, _ what: String) -> Int? {
        guard let value = node.scalar.flatMap({ Int($0.string) }), (0...150).contains(value) else { issue(node.mark?.line, "\(what) must be a whole number of years"); return nil }
        return value
    }

    func isCountryCode(_ text: String) -> Bool { text.unicodeScalars.count == 2 && text.unicodeScalars.allSatisfy { (65...90).contains($0.value) } }

    mutating func countryCode(_ node: Node) -> String? {
        guard let text = node.scalar?.string, isCountryCode(text) else {
            issue(node.mark?.line, "'\(node.scalar?.string ?? "")' is not an ISO 3166-1 alpha-2 country code, a group of this rule set, or none")
            return nil
        }
        if let countries, !countries.contains(text) { issue(node.mark?.line, "unknown country code '\(text)'"); return nil }
        return text
    }
}

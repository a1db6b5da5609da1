import CareBridgeCore
import Testing

@Suite("Entitlement rule sets: bad files are refused with the line and the reason")
struct EntitlementRuleSetErrorTests {
    /// A complete small set; tests break one thing in it.
    static let valid = """
    country: XX
    version: "1"
    title: Test set
    valid-from: 2020-01-01
    precedence: [treaty, law]
    groups:
      NEIGHBOURS: {countries: [AA, BB], source: a treaty}
    bases:
      law: {kind: law, title: The law, source: https://example.org/law}
      treaty: {kind: treaty, title: The treaty, source: https://example.org/treaty}
    rules:
      - id: residents-free
        text: Residents are equal.
        who: {status: permanent-residence}
        care: all
        outcome: free
        basis: law
        from: 2020-01-01
      - id: others-paid
        text: Others pay.
        who: {status: [eaeu-worker, eaeu-family-member, temporary-stay, temporary-residence, asylum-seeker, refugee, additional-protection, temporary-protection, stateless, undocumented, detained]}
        care: all
        outcome: paid
        basis: law
        from: 2020-01-01
      - id: neighbours-emergency
        text: Neighbours get emergency care free.
        who: {citizenship: NEIGHBOURS}
        care: [emergency]
        outcome: free
        basis: treaty
        from: 2020-01-01
    """

    func refusal(_ yaml: String) -> RuleSetProblem? {
        do {
            let set = try RuleSetParser.parse(yaml, file: "test.yaml")
            _ = try RuleSetCompiler.compile(set, file: "test.yaml")
            return nil
        } catch { return error }
    }

    @Test("the valid set compiles and its treaty rule wins over the law")
    func validSetCompiles() throws {
        let table = try RuleSetCompiler.compile(RuleSetParser.parse(Self.valid, file: "test.yaml"), file: "test.yaml")
        let facts = EntitlementFacts(status: .temporaryStay, citizenship: "AA", insured: false, age: nil)
        let all = try table.decide(facts, on: CalendarDay(parsing: "2021-01-01", field: "d"))
        #expect(all.first { $0.care == .emergency }?.outcome.kind == .free)
        #expect(all.first { $0.care == .dental }?.outcome.kind == .paid)
    }

    @Test("a YAML syntax error names its line")
    func syntaxError() throws {
        let broken = Self.valid.replacingOccurrences(of: "care: [emergency]", with: "care: [emergency")
        let problem = try #require(refusal(broken))
        #expect(problem.issues.count == 1)
        #expect(problem.issues[0].reason.hasPrefix("YAML syntax"))
        #expect(problem.issues[0].line != nil)
        #expect(problem.description.hasPrefix("test.yaml:"))
    }

    @Test("an unknown status, care type or key is named with its line")
    func unknownCodes() throws {
        let yaml = Self.valid.replacingOccurrences(of: "status: permanent-residence", with: "status: permanent-resident")
            .replacingOccurrences(of: "care: [emergency]", with: "care: [emergencies]")
            .replacingOccurrences(of: "outcome: paid", with: "outcom: paid")
        let problem = try #require(refusal(yaml))
        let reasons = problem.issues.map(\.reason)
        #expect(reasons.contains { $0.contains("unknown status 'permanent-resident'") })
        #expect(reasons.contains { $0.contains("unknown care 'emergencies'") })
        #expect(reasons.contains { $0.contains("unknown key 'outcom'") })
        let lines = Self.valid.split(separator: "\n", omittingEmptySubsequences: false)
        let statusLine = lines.firstIndex { $0.contains("status: permanent-residence") }! + 1
        #expect(problem.issues.contains { $0.line == statusLine && $0.reason.contains("permanent-resident") })
    }

    @Test("a rule that ends before it starts is refused")
    func endsBeforeStart() throws {
        let yaml = Self.valid.replacingOccurrences(of: "    basis: treaty\n    from: 2020-01-01", with: "    basis: treaty\n    from: 2020-01-01\n    until: 2019-12-31")
        let problem = try #require(refusal(yaml))
        #expect(problem.issues.map(\.reason) == ["rule 'neighbours-emergency' ends (2019-12-31) before it starts (2020-01-01)"])
    }

    @Test("a combination no rule decides is named, merged into one line")
    func undecidedCombination() throws {
        let yaml = Self.valid.replacingOccurrences(of: "temporary-stay, ", with: "")
        let problem = try #require(refusal(yaml))
        #expect(problem.issues.count == 1)
        let reason = problem.issues[0].reason
        #expect(reason.hasPrefix("no rule decides for "))
        #expect(reason.contains("status temporary-stay"))
        // Neighbours' emergency care is decided by the treaty, so the gap is everything else for temporary stayers.
        #expect(reason.contains("citizenship no citizenship/other countries"))
    }

    @Test("two rules of the same precedence deciding one combination differently are named with their lines")
    func contradiction() throws {
        let yaml = Self.valid + """

          - id: refugees-free
            text: Refugees are equal.
            who: {status: refugee}
            care: all
            outcome: free
            basis: law
            from: 2020-01-01
        """
        let problem = try #require(refusal(yaml))
        #expect(problem.issues.count == 1)
        #expect(problem.issues[0].reason.contains("'others-paid' (line 19) says paid, 'refugees-free' (line 33) says free"))
        #expect(problem.issues[0].reason.contains("status refugee"))
        // An explicit override settles it.
        let settled = yaml + "\n    overrides: [others-paid]"
        #expect(refusal(settled) == nil)
    }

    @Test("a citation of an undefined basis and an undefined group are refused")
    func undefinedReferences() throws {
        let yaml = Self.valid.replacingOccurrences(of: "basis: treaty", with: "basis: convention")
            .replacingOccurrences(of: "citizenship: NEIGHBOURS", with: "citizenship: NEIGHBORS")
        let reasons = try #require(refusal(yaml)).issues.map(\.reason)
        #expect(reasons.contains("rule 'neighbours-emergency' cites basis 'convention', which bases does not define"))
        #expect(reasons.contains { $0.contains("'NEIGHBORS' is not an ISO 3166-1 alpha-2 country code") })
    }
}

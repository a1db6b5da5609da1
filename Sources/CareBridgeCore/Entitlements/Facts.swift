/// What the rules ask about one person on one day. Pregnancy and an asylum procedure's stage are rarely in the
/// registry; they come from the question asked (the navigator's form, a query parameter) and default to not known.
public struct EntitlementFacts: Sendable, Hashable, Codable {
    public var status: LegalStatusKind
    /// ISO 3166-1 alpha-2; nil for a person without citizenship.
    public var citizenship: String?
    public var insured: Bool
    /// Whole years on the day asked about; nil when the birth date is not known.
    public var age: Int?
    public var pregnant: Bool
    public var asylumStage: AsylumStage?

    public init(status: LegalStatusKind, citizenship: String?, insured: Bool, age: Int?, pregnant: Bool = false, asylumStage: AsylumStage? = nil) {
        (self.status, self.citizenship, self.insured, self.age, self.pregnant, self.asylumStage) = (status, citizenship, insured, age, pregnant, asylumStage)
    }
}

/// The answer for one care type, with why: the rules that decided it, and those that would have but were overridden.
public struct CareDecision: Sendable, Hashable {
    public var care: CareType
    public var outcome: Outcome
    public var applied: [Rule]
    public var overridden: [(rule: Rule, by: Rule, reason: OverrideReason)]

    public static func == (a: CareDecision, b: CareDecision) -> Bool {
        a.care == b.care && a.outcome == b.outcome && a.applied == b.applied && a.overridden.map(\.rule) == b.overridden.map(\.rule)
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(care); hasher.combine(outcome); hasher.combine(applied) }

    /// Papers the applied rules ask for, each once.
    public var bring: [String] {
        var seen = Set<String>()
        return applied.flatMap(\.bring).filter { seen.insert($0).inserted }
    }
}

/// Why a rule gave way to another.
public enum OverrideReason: String, Sendable, Hashable, Codable {
    /// The winning rule names it in `overrides`.
    case explicit
    /// The winning rule rests on a basis kind the rule set ranks higher (a treaty over a law).
    case strongerBasis = "stronger-basis"
    /// Same basis kind, but the winning rule asks about more (the specific over the general).
    case moreSpecific = "more-specific"
}

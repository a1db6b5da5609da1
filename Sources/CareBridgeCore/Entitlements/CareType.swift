/// The kinds of care a rule decides, as the seminar's question splits them: communicable-disease diagnosis apart
/// from treatment, and treatment of TB, HIV and hepatitis each on its own, because treaties and price lists treat
/// them differently.
public enum CareType: String, Codable, Sendable, CaseIterable, TypedCode {
    case emergency
    case primary
    case specialist
    case inpatient
    case maternity
    case childHealth = "child-health"
    case vaccination
    case cdDiagnosis = "cd-diagnosis"
    case tbTreatment = "tb-treatment"
    case hivTreatment = "hiv-treatment"
    case hepatitisTreatment = "hepatitis-treatment"
    case mentalHealth = "mental-health"
    case dental

    public static var field: String { "care" }
    /// Position in `allCases`, for the compiled table.
    public var index: Int { Self.allCases.firstIndex(of: self)! }
}

/// What a person pays for one kind of care. Ordered from worst to best for the person, so a simulation can say who
/// gains and who loses: not available < paid < covered by insurance < free.
public enum OutcomeKind: String, Codable, Sendable, CaseIterable, Comparable, TypedCode {
    case notAvailable = "not-available"
    case paid
    case insurance
    case free

    public static var field: String { "outcome" }
    public var rank: UInt8 { UInt8(Self.allCases.firstIndex(of: self)!) }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// A rule's outcome: its kind, and for paid care the price list that applies (e.g. citizens' or foreigners' tariff).
public struct Outcome: Codable, Sendable, Hashable, CustomStringConvertible {
    public var kind: OutcomeKind
    public var price: String?

    public init(_ kind: OutcomeKind, price: String? = nil) { (self.kind, self.price) = (kind, price) }
    public var description: String { price.map { "\(kind.rawValue) (\($0))" } ?? kind.rawValue }
}

/// Stages of an asylum procedure a rule can name (Law No. 354-Z of 23 June 2008: the application, its examination,
/// the appeal against a refusal).
public enum AsylumStage: String, Codable, Sendable, CaseIterable, TypedCode {
    case application
    case examination
    case appeal
    public static var field: String { "asylumStage" }
}

/// The basis kinds a rule set may rank; a rule set states their order in `precedence`.
public enum BasisKind: String, Codable, Sendable, CaseIterable, TypedCode {
    case treaty
    case law
    case decree
    case resolution
    case order
    case guidance
    case practice
    public static var field: String { "kind" }
}

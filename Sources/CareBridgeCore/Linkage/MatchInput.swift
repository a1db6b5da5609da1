import Foundation

/// The matcher's view of one person; plain values only, so the matcher knows nothing of storage or the Person type.
public struct MatchInput: Sendable, Hashable {
    /// First = primary spelling; others = other known spellings (another script, a former name).
    public var names: [MatchName]
    /// The precision of the birth date is which of these are non-nil.
    public var birthYear: Int?
    public var birthMonth: Int?
    public var birthDay: Int?
    /// "female", "male", "other", "unknown" or nil.
    public var sex: String?
    /// ISO 3166-1 alpha-2, e.g. "TM".
    public var citizenship: String?
    /// Opaque keyed hashes of identity documents: equal keys mean the same document.
    public var documentKeys: [String]
    /// Opaque keys of telephone numbers (a keyed hash of the normalized digits): equal keys mean the same number.
    public var phoneKeys: [String]

    public init(names: [MatchName], birthYear: Int? = nil, birthMonth: Int? = nil, birthDay: Int? = nil,
                sex: String? = nil, citizenship: String? = nil, documentKeys: [String] = [], phoneKeys: [String] = []) {
        self.names = names
        self.birthYear = birthYear
        self.birthMonth = birthMonth
        self.birthDay = birthDay
        self.sex = sex
        self.citizenship = citizenship
        self.documentKeys = documentKeys
        self.phoneKeys = phoneKeys
    }
}

public struct MatchName: Sendable, Hashable {
    public var given: String
    public var family: String
    public var patronymic: String?

    public init(given: String, family: String, patronymic: String? = nil) {
        self.given = given
        self.family = family
        self.patronymic = patronymic
    }
}

public enum MatchField: String, Codable, Sendable, CaseIterable {
    case givenName, familyName, birthDate, sex, citizenship, document, phone
}

public enum AgreementLevel: String, Codable, Sendable {
    case agree, partial, disagree, missing
}

/// What one field contributed to a match, for the clerk deciding whether two records are one person.
public struct FieldEvidence: Codable, Sendable, Hashable {
    public var field: MatchField
    public var level: AgreementLevel
    /// log2(m/u) for this field at this level; 0 when missing.
    public var weight: Double
    /// The string similarity, for names.
    public var similarity: Double?
    /// Human-readable, e.g. "mukhammad ~ muhammad (0.96)".
    public var detail: String

    public init(field: MatchField, level: AgreementLevel, weight: Double, similarity: Double? = nil, detail: String) {
        self.field = field
        self.level = level
        self.weight = weight
        self.similarity = similarity
        self.detail = detail
    }
}

public struct MatchResult: Codable, Sendable {
    /// Sum of the field weights (bits of evidence that the two records are one person).
    public var weight: Double
    public var probability: Double
    /// One entry per `MatchField`, in that order.
    public var fields: [FieldEvidence]

    public init(weight: Double, probability: Double, fields: [FieldEvidence]) {
        self.weight = weight
        self.probability = probability
        self.fields = fields
    }
}

public struct MatchCandidate<ID: Hashable & Sendable>: Sendable {
    public var id: ID
    public var result: MatchResult

    public init(id: ID, result: MatchResult) {
        self.id = id
        self.result = result
    }
}

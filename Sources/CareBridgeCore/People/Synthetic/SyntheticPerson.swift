/// One generated person, with plain string codes so storage and the matcher need no extra types.
/// The truth about planted duplicates lives only in `duplicateOf`; a matcher under test must not read it.
public struct SyntheticPerson: Sendable, Hashable {
    public var index: Int
    /// This record is a planted near-duplicate of person `duplicateOf` (always < `index`, never itself a duplicate).
    public var duplicateOf: Int?
    /// First = primary spelling as registered; the others (0-2) are other known spellings of the same name.
    public var names: [SyntheticName]
    /// HL7 AdministrativeGender code: `female`, `male`, rarely `unknown`.
    public var sex: String
    public var birthYear: Int
    /// nil when only the year is known (many migrants' documents carry only the year).
    public var birthMonth: Int?
    /// nil when only the year or the year and month are known.
    public var birthDay: Int?
    /// ISO 3166-1 alpha-2; nil for a stateless person.
    public var citizenship: String?
    /// ISO 3166-1 alpha-2; `BY` for children born after their family arrived.
    public var countryOfBirth: String
    public var arrivalYear: Int
    public var arrivalMonth: Int
    /// BCP 47 tags, best first.
    public var languages: [String]
    public var interpreterNeeded: Bool
    /// ISO 3166-2:BY subdivision code.
    public var region: String
    /// One of `SyntheticPopulation.statuses`.
    public var status: String
    /// `YYYY-MM-DD`.
    public var statusFrom: String
    /// `YYYY-MM-DD`; nil for statuses without an end (permanent residence, refugee, ...).
    public var statusUntil: String?
    /// An earlier episode that ended before `statusFrom` (contiguous or with a gap).
    public var previousStatus: String?
    public var previousStatusFrom: String?
    public var previousStatusUntil: String?
    public var insurance: SyntheticInsurance?
    public var document: SyntheticDocument?
    /// E.164, `+375` mobile numbers.
    public var phone: String?

    /// The birth date at its known precision: `1990`, `1990-05` or `1990-05-17`.
    public var birthDateText: String {
        guard let birthMonth else { return SyntheticCalendar.yearText(birthYear) }
        guard let birthDay else { return SyntheticCalendar.yearMonthText(birthYear, birthMonth) }
        return SyntheticCalendar.text(birthYear, birthMonth, birthDay)
    }
}

/// One spelling of a person's full name in one script.
public struct SyntheticName: Sendable, Hashable {
    public var given: String
    public var family: String
    /// Only in Cyrillic records, where Belarusian offices write it.
    public var patronymic: String?
    /// `latin`, `cyrillic`, `arabic` or `han`.
    public var script: String

    public init(given: String, family: String, patronymic: String? = nil, script: String) {
        self.given = given
        self.family = family
        self.patronymic = patronymic
        self.script = script
    }
}

/// A medical insurance policy; compulsory for temporary stayers and residents (Decree No. 108 of 18 March 2025, ch. 5).
public struct SyntheticInsurance: Sendable, Hashable {
    public var insurer: String
    /// `YYYY-MM-DD`.
    public var from: String
    /// `YYYY-MM-DD`.
    public var until: String
}

/// An identity document as a registering office would copy it.
public struct SyntheticDocument: Sendable, Hashable {
    /// `passport`, `residence-permit`, `refugee-certificate`, `asylum-seeker-certificate`, `stateless-person-travel-document`.
    public var type: String
    /// ISO 3166-1 alpha-2 of the issuing state (`BY` for Belarusian-issued permits and certificates).
    public var issuingCountry: String
    public var number: String
}

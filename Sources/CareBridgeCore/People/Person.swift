import Foundation

/// A person the platform serves: only what care needs (WHO core variables for migrants in health records:
/// citizenship, country of birth, arrival), names as written in each script, and the organization answering for the record.
public struct Person: Codable, Sendable, Hashable {
    public var id: UUID
    /// Printed on papers instead of a name (`CB-7K9Q-2MX4`).
    public var code: String
    /// First = the primary spelling; others = the same name as written elsewhere (another script or romanization).
    public var names: [PersonName]
    /// Administrative sex as recorded: HL7 AdministrativeGender.
    public var sex: Sex?
    public var birthDate: PartialDate?
    /// ISO 3166-1 alpha-2; nil when unknown or stateless.
    public var citizenship: String?
    public var countryOfBirth: String?
    /// Month and year of arrival in the country (year alone when that is all that is known).
    public var arrival: PartialDate?
    /// BCP 47 tags, most fluent first.
    public var languages: [String]
    public var interpreterNeeded: Bool
    /// ISO 3166-2 region of residence.
    public var region: String?
    /// Encrypted at rest.
    public var contact: ContactDetails?
    /// Numbers encrypted at rest, found through a keyed hash.
    public var documents: [IdentityDocument]
    /// The organization that registered the person and answers for the record; its own staff need no consent.
    public var recordOrganizationID: UUID
    /// Set when this record was merged into another; the record and its history are kept so the merge can be undone.
    public var mergedInto: UUID?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID = .timeOrdered(), code: String = PersonCode.make(), names: [PersonName], sex: Sex? = nil, birthDate: PartialDate? = nil,
                citizenship: String? = nil, countryOfBirth: String? = nil, arrival: PartialDate? = nil, languages: [String] = [],
                interpreterNeeded: Bool = false, region: String? = nil, contact: ContactDetails? = nil, documents: [IdentityDocument] = [],
                recordOrganizationID: UUID, mergedInto: UUID? = nil, createdAt: Date, updatedAt: Date) {
        (self.id, self.code, self.names, self.sex, self.birthDate) = (id, code, names, sex, birthDate)
        (self.citizenship, self.countryOfBirth, self.arrival, self.languages) = (citizenship, countryOfBirth, arrival, languages)
        (self.interpreterNeeded, self.region, self.contact, self.documents) = (interpreterNeeded, region, contact, documents)
        (self.recordOrganizationID, self.mergedInto, self.createdAt, self.updatedAt) = (recordOrganizationID, mergedInto, createdAt, updatedAt)
    }

    public var primaryName: PersonName { names[0] }
    public var givenName: String { names[0].given }
    public var familyName: String { names[0].family }
    public var birthYear: Int? { birthDate?.year }
    public var displayName: String { "\(familyName) \(givenName)" }
}

/// One spelling of a person's name, with the script it is written in.
public struct PersonName: Codable, Sendable, Hashable {
    public var given: String
    public var family: String
    public var patronymic: String?
    public var script: NameScript

    public init(given: String, family: String, patronymic: String? = nil, script: NameScript? = nil) {
        self.given = given.trimmed
        self.family = family.trimmed
        self.patronymic = patronymic.map { $0.trimmed }.nonBlank
        self.script = script ?? NameScript.detect("\(given) \(family)")
    }
}

/// HL7 FHIR AdministrativeGender (http://hl7.org/fhir/R4/valueset-administrative-gender.html).
public enum Sex: String, Codable, Sendable, CaseIterable {
    case female, male, other, unknown
}

/// The checks a person record passes before it is stored; the date and tables are passed in so the rules stay pure.
public struct PersonRules: Sendable {
    public var today: CalendarDay
    public var countries: CountryTable

    public init(today: CalendarDay, countries: CountryTable) {
        self.today = today
        self.countries = countries
    }

    /// The record as stored: codes upper-cased, scripts detected; or a validation error naming the first bad field.
    public func validated(_ person: Person) throws -> Person {
        var p = person
        guard !p.names.isEmpty else { throw CareBridgeError.invalid("names", "At least one name is required.") }
        guard p.names.count <= 10 else { throw CareBridgeError.invalid("names", "At most 10 spellings of a name are kept.") }
        for (i, name) in p.names.enumerated() {
            let prefix = i == 0 ? "" : "otherNames[\(i - 1)]."
            for (field, value) in [("givenName", name.given), ("familyName", name.family)] {
                try TextRules.required(value, field: prefix + field, max: 200)
                guard value.contains(where: \.isLetter) else {
                    throw CareBridgeError.invalid(prefix + field, "\(prefix + field) '\(value)' has no letters.")
                }
            }
            if let patronymic = name.patronymic {
                try TextRules.required(patronymic, field: prefix + "patronymic", max: 200)
                guard patronymic.contains(where: \.isLetter) else {
                    throw CareBridgeError.invalid(prefix + "patronymic", "\(prefix)patronymic '\(patronymic)' has no letters.")
                }
            }
        }
        try p.birthDate?.validate(field: "birthDate", notAfter: today)
        if let arrival = p.arrival {
            try arrival.validate(field: "arrival", notAfter: today)
            if let birth = p.birthDate, arrival.year < birth.year {
                throw CareBridgeError.invalid("arrival", "arrival \(arrival) is before birthDate \(birth).")
            }
        }
        p.citizenship = try p.citizenship.map { try countries.country($0, field: "citizenship") }
        p.countryOfBirth = try p.countryOfBirth.map { try countries.country($0, field: "countryOfBirth") }
        p.region = try p.region.map { try countries.region($0, field: "region") }
        guard p.languages.count <= 10 else { throw CareBridgeError.invalid("languages", "At most 10 languages are kept.") }
        for (i, tag) in p.languages.enumerated() { try Validation.languageTag(tag, field: "languages[\(i)]") }
        try p.contact?.validate()
        if p.contact?.isEmpty == true { p.contact = nil }
        guard p.documents.count <= 10 else { throw CareBridgeError.invalid("documents", "At most 10 documents are kept.") }
        p.documents = try p.documents.enumerated().map { try $1.validate(field: "documents[\($0)]", countries: countries) }
        guard PersonCode.canonical(p.code) == p.code else { throw CareBridgeError.invalid("code", "'\(p.code)' is not a valid person code.") }
        return p
    }
}

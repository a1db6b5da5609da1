import CareBridgeCore
import CareBridgeStore
import Foundation

/// A person as the API returns it. `contact` is present only when the policy let this user see it.
struct PersonBody: Codable, Sendable {
    struct Name: Codable, Sendable {
        var givenName: String
        var familyName: String
        var patronymic: String?
        var script: NameScript?
    }
    var id: String
    var code: String
    var givenName: String
    var familyName: String
    var patronymic: String?
    var nameScript: NameScript
    var otherNames: [Name]
    var sex: Sex?
    var birthDate: String?
    var birthDatePrecision: PartialDate.Precision?
    var birthYear: Int?
    var citizenship: String?
    var countryOfBirth: String?
    var arrival: String?
    var languages: [String]
    var interpreterNeeded: Bool
    var region: String?
    var contact: ContactDetails?
    var documents: [IdentityDocument]
    var recordOrganizationId: String
    var mergedInto: String?
    var createdAt: Date
    var updatedAt: Date

    init(_ p: Person) {
        id = Hex.uuid(p.id)
        code = p.code
        (givenName, familyName, patronymic, nameScript) = (p.primaryName.given, p.primaryName.family, p.primaryName.patronymic, p.primaryName.script)
        otherNames = p.names.dropFirst().map { Name(givenName: $0.given, familyName: $0.family, patronymic: $0.patronymic, script: $0.script) }
        sex = p.sex
        (birthDate, birthDatePrecision, birthYear) = (p.birthDate?.description, p.birthDate?.precision, p.birthDate?.year)
        (citizenship, countryOfBirth, arrival) = (p.citizenship, p.countryOfBirth, p.arrival?.description)
        (languages, interpreterNeeded, region, contact, documents) = (p.languages, p.interpreterNeeded, p.region, p.contact, p.documents)
        recordOrganizationId = Hex.uuid(p.recordOrganizationID)
        mergedInto = p.mergedInto.map(Hex.uuid)
        (createdAt, updatedAt) = (p.createdAt, p.updatedAt)
    }
}

/// What a client sends to register or edit a person. On edit, an absent `contact`, `documents` or `otherNames` leaves
/// what is stored unchanged (a user who may not see contact details must not erase them by omission).
struct PersonInput: Decodable, Sendable {
    var givenName: String
    var familyName: String
    var patronymic: String?
    var nameScript: NameScript?
    var otherNames: [PersonBody.Name]?
    var sex: Sex?
    var birthDate: String?
    /// Accepted for clients that know only the year; same as `birthDate: "YYYY"`.
    var birthYear: Int?
    var citizenship: String?
    var countryOfBirth: String?
    var arrival: String?
    var languages: [String]?
    var interpreterNeeded: Bool?
    var region: String?
    var contact: ContactDetails?
    var documents: [DocumentInput]?
    /// Set after reviewing the candidates a first attempt returned: register even though someone similar exists.
    var registerDespiteMatches: Bool?

    struct DocumentInput: Decodable, Sendable {
        var type: String
        var issuingCountry: String
        var number: String
    }

    /// Applies the input to a record: the fields every edit sets, and the optional groups only when sent.
    func apply(to person: inout Person) throws {
        let primary = PersonName(given: givenName, family: familyName, patronymic: patronymic, script: nameScript)
        let others = otherNames.map { $0.map { PersonName(given: $0.givenName, family: $0.familyName, patronymic: $0.patronymic, script: $0.script) } }
            ?? Array(person.names.dropFirst())
        person.names = [primary] + others
        person.sex = sex
        if let birthDate {
            person.birthDate = try PartialDate(parsing: birthDate, field: "birthDate")
        } else if let birthYear {
            person.birthDate = try PartialDate(year: birthYear, field: "birthYear")
        } else {
            person.birthDate = nil
        }
        person.citizenship = citizenship.nonBlank
        person.countryOfBirth = countryOfBirth.nonBlank
        person.arrival = try arrival.nonBlank.map { try PartialDate(parsing: $0, field: "arrival", finest: .month) }
        person.languages = languages ?? []
        person.interpreterNeeded = interpreterNeeded ?? false
        person.region = region.nonBlank
        if let contact { person.contact = contact }
        if let documents {
            person.documents = try documents.enumerated().map { i, d in
                IdentityDocument(type: try DocumentType.parse(d.type, field: "documents[\(i)].type"), issuingCountry: d.issuingCountry, number: d.number)
            }
        }
    }

    func draft(organization: UUID, now: Date) throws -> Person {
        var person = Person(names: [PersonName(given: givenName, family: familyName)], recordOrganizationID: organization, createdAt: now, updatedAt: now)
        try apply(to: &person)
        return person
    }
}

/// A likely duplicate with the evidence per field; `person` only when the user may read that record.
struct CandidateBody: Encodable, Sendable {
    var id: String
    var code: String
    var recordOrganizationId: String
    var person: PersonBody?
    var weight: Double
    var probability: Double
    var fields: [FieldEvidence]

    init(_ c: PeopleService.Candidate) {
        (id, code, recordOrganizationId) = (Hex.uuid(c.id), c.code, Hex.uuid(c.recordOrganizationID))
        person = c.person.map(PersonBody.init)
        (weight, probability, fields) = (c.result.weight, c.result.probability, c.result.fields)
    }
}

struct StatusBody: Encodable, Sendable {
    var id: String
    var personId: String
    var status: LegalStatusKind
    var validFrom: CalendarDay
    var validUntil: CalendarDay?
    var document: DocumentReference?
    var recordedAt: Date
    init(_ e: StatusEpisode) {
        (id, personId, status, validFrom, validUntil, document, recordedAt) =
            (Hex.uuid(e.id), Hex.uuid(e.personID), e.status, e.validFrom, e.validUntil, e.document, e.recordedAt)
    }
}

struct StatusInput: Decodable, Sendable {
    var status: String
    var validFrom: String
    var validUntil: String?
    var document: DocumentReferenceInput?
    struct DocumentReferenceInput: Decodable, Sendable {
        var type: String
        var number: String?
        var issuedBy: String?
    }

    func episode(id: UUID = .timeOrdered(), personID: UUID, by user: UUID, at now: Date) throws -> StatusEpisode {
        StatusEpisode(id: id, personID: personID, status: try LegalStatusKind.parse(status),
                      validFrom: try CalendarDay(parsing: validFrom, field: "validFrom"),
                      validUntil: try validUntil.nonBlank.map { try CalendarDay(parsing: $0, field: "validUntil") },
                      document: try document.map { DocumentReference(type: try DocumentType.parse($0.type, field: "document.type"),
                                                                      number: $0.number.nonBlank, issuedBy: $0.issuedBy) },
                      recordedBy: user, recordedAt: now)
    }
}

struct InsuranceBody: Encodable, Sendable {
    var id: String
    var personId: String
    var insurer: String
    var policyNumber: String?
    var validFrom: CalendarDay
    var validUntil: CalendarDay?
    init(_ p: InsurancePolicy) {
        (id, personId, insurer, policyNumber, validFrom, validUntil) = (Hex.uuid(p.id), Hex.uuid(p.personID), p.insurer, p.policyNumber, p.validFrom, p.validUntil)
    }
}

struct InsuranceInput: Decodable, Sendable {
    var insurer: String
    var policyNumber: String?
    var validFrom: String
    var validUntil: String?

    func policy(personID: UUID, by user: UUID, at now: Date) throws -> InsurancePolicy {
        InsurancePolicy(personID: personID, insurer: insurer, policyNumber: policyNumber.nonBlank,
                        validFrom: try CalendarDay(parsing: validFrom, field: "validFrom"),
                        validUntil: try validUntil.nonBlank.map { try CalendarDay(parsing: $0, field: "validUntil") },
                        recordedBy: user, recordedAt: now)
    }
}

struct ConsentBody: Encodable, Sendable {
    var id: String
    var organizationId: String?
    var organizationKind: OrganizationKind?
    var purposes: [String]
    var categories: [DataCategory]
    var validFrom: Date
    var validUntil: Date?
    var explainedInLanguage: String?
    var recordedBy: String?
    var recordedAt: Date?
    var withdrawnAt: Date?
    var active: Bool

    init(_ c: Consent, now: Date) {
        id = Hex.uuid(c.id)
        switch c.grantee {
        case .organization(let o): (organizationId, organizationKind) = (Hex.uuid(o), nil)
        case .organizationKind(let k): (organizationId, organizationKind) = (nil, k)
        }
        purposes = c.purposes.map(\.rawValue).sorted()
        categories = c.categories.sorted { $0.rawValue < $1.rawValue }
        (validFrom, validUntil, explainedInLanguage) = (c.validFrom, c.validUntil, c.explainedInLanguage)
        (recordedBy, recordedAt, withdrawnAt) = (c.recordedBy.map(Hex.uuid), c.recordedAt, c.withdrawnAt)
        active = c.isActive(at: now)
    }
}

struct ConsentInput: Decodable, Sendable {
    var organizationId: String?
    var organizationKind: String?
    var purposes: [String]
    var categories: [String]
    var validFrom: Date?
    var validUntil: Date?
    var explainedInLanguage: String?

    func consent(personID: UUID, by user: UUID, at now: Date) throws -> Consent {
        let grantee: ConsentGrantee
        switch (organizationId.nonBlank, organizationKind.nonBlank) {
        case (let id?, nil):
            guard let uuid = UUID(uuidString: id) else { throw CareBridgeError.invalid("organizationId", "organizationId '\(id)' is not an organization id.") }
            grantee = .organization(uuid)
        case (nil, let kind?):
            grantee = .organizationKind(try OrganizationKind.parse(kind))
        default:
            throw CareBridgeError.invalid("organizationId", "Name either organizationId or organizationKind, the one the consent is given to.")
        }
        let purposes = try Set(purposes.enumerated().map { i, code in
            guard let p = PurposeOfUse(rawValue: code.uppercased()) ?? PurposeOfUse.allCases.first(where: { "\($0)" == code }) else {
                throw CareBridgeError.invalid("purposes[\(i)]", "purposes[\(i)] '\(code)' is not one of \(PurposeOfUse.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return p
        })
        let categories = try Set(categories.enumerated().map { i, code in try DataCategory.parse(code, field: "categories[\(i)]") })
        return Consent(grantee: grantee, purposes: purposes, categories: categories, validFrom: validFrom ?? now, validUntil: validUntil,
                       personID: personID, recordedBy: user, recordedAt: now, explainedInLanguage: explainedInLanguage)
    }
}

struct MergeBody: Encodable, Sendable {
    var id: String
    var survivorId: String
    var mergedId: String
    var reason: String?
    var mergedAt: Date
    var undoneAt: Date?
    init(_ m: PersonMerge) {
        (id, survivorId, mergedId, reason, mergedAt, undoneAt) = (Hex.uuid(m.id), Hex.uuid(m.survivorID), Hex.uuid(m.mergedID), m.reason, m.mergedAt, m.undoneAt)
    }
}

import Foundation

/// A person the platform serves. This is the foundation's minimal record (names, sex, birth
/// year, the organization responsible for it); the registry issue adds scripts, legal status,
/// documents and contact details.
public struct Person: Codable, Sendable, Hashable {
    public var id: UUID
    public var givenName: String
    public var familyName: String
    /// Administrative sex as recorded: `female`, `male`, `other`, `unknown` (HL7 AdministrativeGender).
    public var sex: Sex?
    public var birthYear: Int?
    /// The organization that registered the person and answers for the record; its own staff need no consent.
    public var recordOrganizationID: UUID
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID = UUID(), givenName: String, familyName: String, sex: Sex?, birthYear: Int?,
                recordOrganizationID: UUID, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.givenName = givenName
        self.familyName = familyName
        self.sex = sex
        self.birthYear = birthYear
        self.recordOrganizationID = recordOrganizationID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public func validate(now: Date) throws {
        for (field, value) in [("givenName", givenName), ("familyName", familyName)] {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || value.count > 200 {
                throw CareBridgeError.invalid(field, "\(field) must have 1 to 200 characters.")
            }
        }
        if let birthYear {
            let year = Calendar(identifier: .gregorian).component(.year, from: now)
            guard (year - 130...year).contains(birthYear) else {
                throw CareBridgeError.invalid("birthYear", "birthYear must be between \(year - 130) and \(year).")
            }
        }
    }
}

/// HL7 FHIR AdministrativeGender (http://hl7.org/fhir/R4/valueset-administrative-gender.html).
public enum Sex: String, Codable, Sendable, CaseIterable {
    case female, male, other, unknown
}

import CareBridgeCore
import CareBridgeStore
import Foundation

/// `carebridge import people FILE.csv`: every row is checked first; if any is wrong, the report names each bad row
/// and field and nothing is stored. Otherwise all rows land in one transaction, each with its audit event.
public enum PeopleImport {
    /// The columns a file may have; `given_name` and `family_name` are required, the others optional.
    public static let columns = ["given_name", "family_name", "patronymic", "sex", "birth_date", "citizenship", "country_of_birth",
                                 "arrival", "languages", "interpreter_needed", "region", "phone", "email",
                                 "document_type", "document_country", "document_number", "status", "status_from", "status_until"]

    public struct RowError: Sendable, CustomStringConvertible {
        public var line: Int
        public var field: String?
        public var message: String
        public var description: String { "line \(line)\(field.map { " (\($0))" } ?? ""): \(message)" }
    }

    public struct Report: Sendable {
        public var imported: Int
        public var errors: [RowError]
    }

    public static func run(path: String, organizationSlug: String, configuration: AppConfiguration) async throws -> Report {
        let text = try LocalFile.text(path)
        return try await Admin.withServices(configuration) { services in
            guard let organization = try await services.organizations.find(slug: organizationSlug)?.value else {
                throw CareBridgeError.invalid("org", "There is no organization '\(organizationSlug)'.")
            }
            return try await importRows(text, organization: organization, services: services)
        }
    }

    static func importRows(_ text: String, organization: Organization, services: AppServices) async throws -> Report {
        let rows = try CSV.parse(text)
        guard let header = rows.first else { throw CareBridgeError.invalid("file", "The file is empty.") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if let unknown = names.first(where: { !columns.contains($0) }) {
            throw CareBridgeError.invalid("header", "Unknown column '\(unknown)'; the columns are: \(columns.joined(separator: ", ")).")
        }
        for required in ["given_name", "family_name"] where !names.contains(required) {
            throw CareBridgeError.invalid("header", "The header needs a '\(required)' column.")
        }
        let now = services.now()
        var errors: [RowError] = []
        var people: [Person] = []
        var statuses: [StatusEpisode] = []
        for row in rows.dropFirst() {
            guard row.fields.count == names.count else {
                errors.append(RowError(line: row.line, field: nil, message: "has \(row.fields.count) fields; the header has \(names.count)."))
                continue
            }
            let value = Dictionary(uniqueKeysWithValues: zip(names, row.fields.map { $0.trimmingCharacters(in: .whitespaces) }))
            func v(_ key: String) -> String? { value[key].nonBlank }
            do {
                var person = Person(names: [PersonName(given: v("given_name") ?? "", family: v("family_name") ?? "", patronymic: v("patronymic"))],
                                    recordOrganizationID: organization.id, createdAt: now, updatedAt: now)
                person.sex = try v("sex").map { s in
                    guard let sex = Sex(rawValue: s.lowercased()) else { throw CareBridgeError.invalid("sex", "sex '\(s)' is not female, male, other or unknown.") }
                    return sex
                }
                person.birthDate = try v("birth_date").map { try PartialDate(parsing: $0, field: "birth_date") }
                person.citizenship = v("citizenship")
                person.countryOfBirth = v("country_of_birth")
                person.arrival = try v("arrival").map { try PartialDate(parsing: $0, field: "arrival", finest: .month) }
                person.languages = v("languages")?.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
                person.interpreterNeeded = ["yes", "true", "1"].contains(v("interpreter_needed")?.lowercased() ?? "")
                person.region = v("region")
                if v("phone") != nil || v("email") != nil { person.contact = ContactDetails(phone: v("phone"), email: v("email")) }
                if let number = v("document_number") {
                    person.documents = [IdentityDocument(type: try DocumentType.parse(v("document_type") ?? "passport", field: "document_type"),
                                                         issuingCountry: v("document_country") ?? "", number: number)]
                }
                person = try services.personRules.validated(person)
                if let status = v("status") {
                    let episode = StatusEpisode(personID: person.id, status: try LegalStatusKind.parse(status),
                                                validFrom: try CalendarDay(parsing: v("status_from") ?? "", field: "status_from"),
                                                validUntil: try v("status_until").map { try CalendarDay(parsing: $0, field: "status_until") },
                                                document: nil, recordedBy: nil, recordedAt: now)
                    try episode.validate(against: [], today: services.today)
                    statuses.append(episode)
                }
                people.append(person)
            } catch let error as CareBridgeError {
                errors.append(RowError(line: row.line, field: error.field, message: error.detail))
            }
        }
        guard errors.isEmpty else { return Report(imported: 0, errors: errors) }
        let audits = people.map { p in
            AuditDraft(occurredAt: now, actorUserID: nil, actorUsername: "carebridge import", organizationID: organization.id,
                       organizationKind: organization.kind, purpose: .administration, personID: p.id, category: .identity,
                       action: "identity.write", outcome: .allowed, reason: "import")
        }
        let (newPeople, newStatuses) = (people, statuses)
        try await services.database.write { db in
            try await services.people.insertMany(newPeople, in: db)
            try await services.statuses.insertStatuses(newStatuses, in: db)
            try await services.audit.append(audits, in: db)
        }
        // A server running in another process picks these up at its next start (see PeopleIndex).
        for person in people { services.peopleIndex.upsert(person.id, services.people.matchInput(person)) }
        return Report(imported: people.count, errors: [])
    }
}

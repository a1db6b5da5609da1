import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// FHIR reads and searches over the same services the JSON API uses, so the access policy, the purposes of use and
/// the audit are the same: a Patient read is `PeopleService.read`, an Observation a health read of its person, a
/// ServiceRequest a referral read of the user's own organization. Person-level searches name the patient (or ids);
/// each named person's read is decided and audited before anything is answered.
struct FHIRService: Sendable {
    let services: AppServices
    var people: PeopleService { PeopleService(services: services) }
    var health: HealthService { HealthService(services: services) }
    var referrals: ReferralService { ReferralService(services: services) }
    var gate: AccessGate { services.gate }

    /// The FHIR base URL as the client reached it.
    static func base(_ request: Request) -> String {
        let host = request.head.authority ?? "localhost"
        let scheme = request.headers[.forwardedProto] ?? "http"
        return "\(scheme)://\(host)\(FHIRController.prefix)"
    }

    // MARK: read

    func read(_ type: FHIRResourceType, id text: String, request: Request, context: AppRequestContext) async throws -> JSON {
        let identity = try context.requireIdentity()
        if type == .AuditEvent {
            guard let sequence = Int64(text) else { throw CareBridgeError.notFound("The AuditEvent") }
            var filter = AuditFilter()
            filter.sequence = sequence
            guard let event = try await auditEvents(filter, identity: identity, limit: 1).first else { throw CareBridgeError.notFound("The AuditEvent") }
            return FHIR.auditEvent(event)
        }
        guard let id = UUID(uuidString: text) else { throw CareBridgeError.notFound("The \(type.rawValue)") }
        let language = context.language
        switch type {
        case .Patient:
            let (found, contactShown) = try await people.read(id, request: request, context: context)
            return FHIR.patient(found.value, version: found.version, contactShown: contactShown)
        case .Observation, .Condition, .Immunization:
            let record = try await health.record(id, request: request, context: context)
            guard FHIR.resourceType(of: record.kind) == type.rawValue, let resource = FHIR.resource(of: record) else {
                throw CareBridgeError.notFound("The \(type.rawValue)")
            }
            return resource
        case .ServiceRequest, .Task:
            let view = try await referrals.read(id, request: request, context: context)
            return type == .Task ? FHIR.task(view.referral, version: view.version) : FHIR.serviceRequest(view.referral, version: view.version)
        case .Consent:
            guard let personID = try await services.consents.person(ofConsent: id) else { throw CareBridgeError.notFound("The Consent") }
            guard let consent = try await people.consents(personID, request: request, context: context).first(where: { $0.id == id }) else {
                throw CareBridgeError.notFound("The Consent")
            }
            return FHIR.consent(consent, personID: personID, now: services.now())
        case .Provenance:
            guard let record = try await ProvenanceRepository(services.database).find(id: id) else { throw CareBridgeError.notFound("The Provenance") }
            try await gate.authorizeRead(.health, of: try await health.target(record.personID), request: request, context: context)
            return FHIR.provenance(record)
        case .Organization:
            guard let found = try await services.organizations.find(id: id) else { throw CareBridgeError.notFound("The Organization") }
            return FHIR.organization(found.value, profile: profile(of: id), language: language)
        case .HealthcareService:
            guard let found = services.directory.index.service(id: id) else { throw CareBridgeError.notFound("The HealthcareService") }
            return FHIR.healthcareService(found.service, in: found.entry, language: language)
        case .Location:
            guard let place = services.directory.index.entries.lazy.flatMap(\.locations).first(where: { $0.id == id }) else {
                throw CareBridgeError.notFound("The Location")
            }
            return FHIR.location(place, language: language)
        case .AuditEvent:
            throw CareBridgeError.notFound("The AuditEvent")
        }
    }

    // MARK: search

    /// Every resource of the type that meets the search, in a stable order (newest change first for a person's data).
    func search(_ search: FHIRSearch, request: Request, context: AppRequestContext) async throws -> [JSON] {
        let identity = try context.requireIdentity()
        let language = context.language
        let candidates: [JSON]
        switch search.type {
        case .Patient:
            candidates = try await patients(search, request: request, context: context)
        case .Observation, .Condition, .Immunization:
            let personIDs = try await persons(search, request: request, context: context) { ids in
                try await services.database.read { db in
                    var found: [UUID] = []
                    for id in ids { if let record = try await services.healthRecords.find(id: id, in: db) { found.append(record.personID) } }
                    return found
                }
            }
            var out: [JSON] = []
            for personID in personIDs {
                let (records, _) = try await health.history(personID, request: request, context: context)
                out += records.filter { FHIR.resourceType(of: $0.kind) == search.type.rawValue }.compactMap(FHIR.resource(of:))
            }
            candidates = out
        case .ServiceRequest, .Task:
            let personIDs = try await persons(search, request: request, context: context) { ids in
                try await services.database.read { db in
                    var found: [UUID] = []
                    for id in ids { if let stored = try await services.referrals.find(id: id, in: db) { found.append(stored.value.personID) } }
                    return found
                }
            }
            var out: [JSON] = []
            for personID in personIDs {
                for view in try await referrals.list(personID: personID, request: request, context: context) {
                    out.append(search.type == .Task ? FHIR.task(view.referral, version: nil) : FHIR.serviceRequest(view.referral, version: nil))
                }
            }
            candidates = out
        case .Consent:
            let personIDs = try await persons(search, request: request, context: context) { ids in
                var found: [UUID] = []
                for id in ids { if let person = try await services.consents.person(ofConsent: id) { found.append(person) } }
                return found
            }
            var out: [JSON] = []
            for personID in personIDs {
                out += try await people.consents(personID, request: request, context: context).map { FHIR.consent($0, personID: personID, now: services.now()) }
            }
            candidates = out
        case .Provenance:
            let repository = ProvenanceRepository(services.database)
            let personIDs = try await persons(search, request: request, context: context) { ids in
                var found: [UUID] = []
                for id in ids { if let record = try await repository.find(id: id) { found.append(record.personID) } }
                return found
            }
            var out: [JSON] = []
            for personID in personIDs {
                try await gate.authorizeRead(.health, of: try await health.target(personID), request: request, context: context)
                out += try await repository.list(personID: personID).map(FHIR.provenance)
            }
            candidates = out
        case .AuditEvent:
            var filter = AuditFilter()
            let patients = search.referencedIDs("patient", type: "Patient")
            guard patients.count <= 1, let only = patients.first, only.count == 1, let personID = UUID(uuidString: only[0]) else {
                throw CareBridgeError.invalid("patient", "An AuditEvent search names one patient (patient=Patient/ID).")
            }
            filter.personID = personID
            candidates = try await auditEvents(filter, identity: identity, limit: 5_000).map(FHIR.auditEvent)
        case .Organization:
            let organizations = try await services.organizations.list(limit: 10_000, after: nil).items
            candidates = organizations.map { FHIR.organization($0, profile: profile(of: $0.id), language: language) }
        case .HealthcareService:
            candidates = services.directory.index.entries.flatMap { entry in
                entry.services.map { FHIR.healthcareService($0, in: entry, language: language) }
            }
        case .Location:
            candidates = services.directory.index.entries.flatMap(\.locations).map { FHIR.location($0, language: language) }
        }
        return candidates.filter(search.matches)
    }

    /// The people a person-level search is about: those `patient` names (each criterion's values ORed, criteria
    /// ANDed), else the owners of the `_id`s. A search naming neither is refused: it would read the whole registry.
    func persons(_ search: FHIRSearch, request: Request, context: AppRequestContext,
                 owners: ([UUID]) async throws -> [UUID]) async throws -> [UUID] {
        var sets: [Set<UUID>] = []
        for values in search.referencedIDs("patient", type: "Patient") {
            sets.append(Set(try values.map { text in
                guard let id = UUID(uuidString: text) else { throw CareBridgeError.invalid("patient", "patient '\(text)' is not Patient/ID with a CareBridge id.") }
                return id
            }))
        }
        for values in search.values(of: "_id") {
            sets.append(Set(try await owners(values.compactMap(UUID.init(uuidString:)))))
        }
        guard var people = sets.first else {
            throw CareBridgeError.invalid("patient", "A \(search.type.rawValue) search names the patient (patient=Patient/ID) or the resources (_id=...), so each answer can pass the access policy for that person.")
        }
        for other in sets.dropFirst() { people.formIntersection(other) }
        return people.sorted { $0.uuidString < $1.uuidString }
    }

    /// Patients by _id, identifier (person code or document number), name or birth date; each read decided and
    /// audited. Search results carry no contact details (a read shows them where the policy allows).
    func patients(_ search: FHIRSearch, request: Request, context: AppRequestContext) async throws -> [JSON] {
        var ids: [UUID]?
        func narrow(_ found: [UUID]) { ids = ids.map { current in current.filter(Set(found).contains) } ?? found }
        for values in search.values(of: "_id") { narrow(values.compactMap(UUID.init(uuidString:))) }
        for values in search.values(of: "identifier") {
            var found: [UUID] = []
            for value in values {
                let code = value.split(separator: "|", omittingEmptySubsequences: false).last.map(String.init) ?? value
                if let canonical = PersonCode.canonical(code), let id = try await services.people.id(code: canonical) { found.append(id) }
                for type in DocumentType.allCases where value.hasPrefix(FHIR.documentSystem + "/\(type.rawValue)/") {
                    let country = value.dropFirst(FHIR.documentSystem.count + type.rawValue.count + 2).prefix { $0 != "|" }
                    found += try await services.people.ids(document: IdentityDocument(type: type, issuingCountry: String(country), number: code))
                }
            }
            narrow(found)
        }
        let names = ["name", "family", "given"].flatMap { search.values(of: $0).flatMap { $0 } }
        let birthYears = search.values(of: "birthdate").flatMap { $0 }.compactMap { Int($0.drop { $0.isLetter }.prefix(4)) }
        if ids == nil, let name = names.first {
            narrow(services.peopleIndex.searchName(name, birthYear: birthYears.count == 1 ? birthYears[0] : nil, limit: 200).map(\.id))
        } else if ids == nil, let year = birthYears.first {
            narrow(try await services.people.ids(birthYear: year, limit: 1_000))
        }
        guard let ids else {
            throw CareBridgeError.invalid("name", "A Patient search needs _id, identifier, name (family, given) or birthdate, so it never lists the whole registry.")
        }
        let records = try await services.people.find(ids: ids).map(\.value).filter { $0.mergedInto == nil || !search.values(of: "_id").isEmpty }
        return try await people.visible(records, request: request, context: context).map { FHIR.patient($0, version: nil, contactShown: false) }
    }

    /// Audit events for administrators, as `/api/v1/audit`: platform administrators every organization's, others
    /// their own organization's.
    func auditEvents(_ filter: AuditFilter, identity: Identity, limit: Int) async throws -> [AuditEvent] {
        guard identity.user.role == .admin else {
            throw CareBridgeError(.forbidden, title: "Not allowed", detail: "The audit log is read by administrators; a person's own access report is at /api/v1/people/{id}/access-report.")
        }
        var filter = filter
        if identity.organization.kind != .healthMinistry { filter.organizationID = identity.organization.id }
        return try await services.audit.list(filter, limit: limit, before: nil).items
    }

    func profile(of organizationID: UUID) -> DirectoryProfile? {
        services.directory.index.entries.first { $0.organization.id == organizationID }?.profile
    }
}

extension HTTPField.Name {
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}

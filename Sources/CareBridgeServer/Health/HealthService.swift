import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import SQLKit

/// Screening, clinical records, cases, treatments, contacts and continuity alerts, for the API and the pages alike.
/// Every read and write of a person's health data asks the access policy (category `health`) and is audited; a
/// person with a notified case may be read by the public-health service under the legal-notification rule.
public struct HealthService: Sendable {
    let services: AppServices
    var gate: AccessGate { services.gate }
    var people: PeopleService { PeopleService(services: services) }
    var reference: HealthReference { services.health }
    var repository: HealthRepository { services.healthRecords }

    /// The person's access facts with whether they have a notified case.
    func target(_ personID: UUID, in db: any SQLDatabase) async throws -> AccessGate.Target {
        var target = try await people.target(personID, in: db)
        target.hasNotifiableCondition = try await !repository.notified([personID], in: db).isEmpty
        return target
    }

    func target(_ personID: UUID) async throws -> AccessGate.Target {
        try await services.database.read { db in try await target(personID, in: db) }
    }

    struct Screening: Sendable {
        var person: Person
        var recommendations: [ScreeningRecommendation]
        var cascades: [PersonCascade]
    }

    /// What to offer the person and why, with their cascade (a health read, audited).
    func screening(_ personID: UUID, on day: CalendarDay, request: Request, context: AppRequestContext) async throws -> Screening {
        try await gate.authorizeRead(.health, of: try await target(personID), request: request, context: context)
        guard let person = try await services.people.find(id: personID)?.value else { throw CareBridgeError.notFound("The person") }
        let records = try await repository.records(of: [personID])
        let engine = reference.engine
        let recommendations = engine.recommend(for: subject(person, records: records), on: day)
        let eligible = Set(recommendations.filter { $0.status == .recommended }.map(\.condition))
        return Screening(person: person, recommendations: recommendations,
                         cascades: PersonCascade.of(records: records, eligible: eligible, on: day, suppressedBelow: reference.parameters.hivSuppressedBelow))
    }

    func subject(_ person: Person, records: [HealthRecord]) -> ScreeningSubject {
        var screened: [ScreeningCondition: CalendarDay] = [:]
        for record in records {
            guard let test = record.test, let condition = test.screensFor, let result = test.result else { continue }
            if screened[condition].map({ $0 < result.resultedOn }) ?? true { screened[condition] = result.resultedOn }
        }
        return ScreeningSubject(countryOfBirth: person.countryOfBirth, citizenship: person.citizenship, arrival: person.arrival, birth: person.birthDate,
                                hasVaccinationRecord: records.contains { $0.kind == .immunization }, screenedOn: screened)
    }

    /// The person's health records, newest first, and the contact records that name them as a contact.
    func history(_ personID: UUID, request: Request, context: AppRequestContext) async throws -> (records: [HealthRecord], exposures: [HealthRecord]) {
        try await gate.authorizeRead(.health, of: try await target(personID), request: request, context: context)
        return try await services.database.read { db in
            (try await repository.records(of: [personID], in: db), try await repository.contacts(naming: [personID], in: db))
        }
    }

    /// One record (a health read of its person).
    func record(_ id: UUID, request: Request, context: AppRequestContext) async throws -> HealthRecord {
        guard let record = try await repository.find(id: id) else { throw CareBridgeError.notFound("The health record") }
        try await gate.authorizeRead(.health, of: try await target(record.personID), request: request, context: context)
        return record
    }

    /// Stores a new record after the policy allows the write; the cascade snapshot follows once it commits.
    @discardableResult
    func create(_ record: HealthRecord, request: Request, context: AppRequestContext) async throws -> HealthRecord {
        let audit = try await gate.authorizeWrite(.health, of: try await target(record.personID), request: request, context: context)
        let milestones = HealthMilestones.contribution(of: record, suppressedBelow: reference.parameters.hivSuppressedBelow)
        try await services.database.write { db in
            try await checkLinks(record, in: db)
            try await repository.insert(record, milestones: milestones, in: db)
            try await services.audit.append([audit], in: db)
        }
        services.population.changed([record.personID])
        // A new case may be the one that tips its series over the threshold.
        if record.kind == .notification { OutbreakDetector(services: services).runSoon(logger: context.logger) }
        return record
    }

    /// Changes a record (a result, an outcome, a reclassification, a follow-up, an acknowledgement) if it is still at
    /// `expectedVersion` (when given); `change` gets the stored record and returns the new one or throws why not.
    func change(_ id: UUID, expectedVersion: Int?, request: Request, context: AppRequestContext,
                _ change: @escaping @Sendable (HealthRecord) throws -> HealthRecord) async throws -> HealthRecord {
        guard let stored = try await repository.find(id: id) else { throw CareBridgeError.notFound("The health record") }
        let audit = try await gate.authorizeWrite(.health, of: try await target(stored.personID), request: request, context: context)
        let now = services.now()
        let suppressedBelow = reference.parameters.hivSuppressedBelow
        let updated = try await services.database.write { db -> HealthRecord in
            guard let current = try await repository.find(id: id, in: db) else { throw CareBridgeError.notFound("The health record") }
            if let expectedVersion, current.version != expectedVersion { throw HealthRepository.staleVersion }
            var next = try change(current)
            next.updatedAt = now
            let saved = try await repository.update(next, expectedVersion: current.version,
                                                    milestones: HealthMilestones.contribution(of: next, suppressedBelow: suppressedBelow), in: db)
            try await services.audit.append([audit], in: db)
            return saved
        }
        services.population.changed([stored.personID])
        return updated
    }

    /// Refuses links to records that do not exist or belong to someone else.
    func checkLinks(_ record: HealthRecord, in db: any SQLDatabase) async throws {
        func parent(_ id: UUID?, kind: HealthRecord.Kind, field: String, samePerson: Bool = true) async throws {
            guard let id else { return }
            guard let found = try await repository.find(id: id, in: db), found.kind == kind else {
                throw CareBridgeError.invalid(field, "\(field) \(Hex.uuid(id)) is not a \(kind == .notification ? "case" : kind.rawValue) record.")
            }
            if samePerson, found.personID != record.personID {
                throw CareBridgeError.invalid(field, "\(field) \(Hex.uuid(id)) belongs to another person.")
            }
        }
        try await parent(record.test?.assessmentID, kind: .assessment, field: "assessmentId")
        try await parent(record.treatment?.caseID, kind: .notification, field: "caseId")
        try await parent(record.contact?.caseID, kind: .notification, field: "caseId")
        if let contact = record.contact, try await services.people.recordOrganization(of: contact.personID, in: db) == nil {
            throw CareBridgeError.invalid("personId", "There is no person with id \(Hex.uuid(contact.personID)) to name as a contact.")
        }
    }

    // MARK: cases, chains, alerts

    /// Notified cases the user may see (public-health officers see every notified case under the legal-notification
    /// rule; others their own organization's), each decision audited in one commit. `?disease=&classification=`.
    func cases(request: Request, context: AppRequestContext) async throws -> [HealthRecord] {
        let q = request.uri.queryParameters
        return try await cases(disease: try q["disease"].map { try HealthRecordInput.enumValue(Disease.self, String($0), field: "disease") },
                               classification: try q["classification"].map { try HealthRecordInput.enumValue(CaseClassification.self, String($0), field: "classification") },
                               request: request, context: context)
    }

    /// Notified cases the user may see, of one disease and classification when given.
    func cases(disease: Disease?, classification: CaseClassification?, request: Request, context: AppRequestContext) async throws -> [HealthRecord] {
        let identity = try context.requireIdentity()
        let mine = identity.organization.kind == .publicHealthService || identity.organization.kind == .healthMinistry ? nil : identity.organization.id
        var found = try await repository.filed(.notification, organizationID: mine, statuses: classification.map { [$0.rawValue] } ?? [])
        if let disease {
            found = found.filter { $0.notification?.disease == disease }
        }
        return try await permitted(found, request: request, context: context)
    }

    /// The notified cases among `found` the user may see, each decision audited, all in one commit.
    func permitted(_ found: [HealthRecord], request: Request, context: AppRequestContext) async throws -> [HealthRecord] {
        let targets = try await people.targets(ids: Array(Set(found.map(\.personID))))
        let allowed = try await gate.permits(.health, ofEach: found.map { record -> AccessGate.Target in
            var target = targets[record.personID] ?? AccessGate.Target(personID: record.personID)
            target.hasNotifiableCondition = true
            return target
        }, request: request, context: context)
        return zip(found, allowed).filter(\.1).map(\.0)
    }

    /// The transmission chain around a case (a health read of the case's person; the other people appear as ids and
    /// their case classification only).
    func chain(_ caseID: UUID, request: Request, context: AppRequestContext) async throws -> TransmissionGraph {
        let record = try await self.record(caseID, request: request, context: context)
        guard record.kind == .notification else { throw CareBridgeError.notFound("The case") }
        return try await services.database.read { db in
            // Walk contacts outward and back, a few generations, one query per step.
            var people: Set<UUID> = [record.personID], frontier: Set<UUID> = [record.personID]
            var links: [(casePersonID: UUID, contactPersonID: UUID, exposure: Contact.Exposure)] = []
            var seenLinks = Set<UUID>()
            for _ in 0..<6 where !frontier.isEmpty {
                let out = try await repository.records(of: Array(frontier), kinds: [.contact], in: db)
                let into = try await repository.contacts(naming: Array(frontier), in: db)
                var next: Set<UUID> = []
                for link in out + into where seenLinks.insert(link.id).inserted {
                    guard let contact = link.contact else { continue }
                    links.append((link.personID, contact.personID, contact.exposure))
                    for person in [link.personID, contact.personID] where people.insert(person).inserted { next.insert(person) }
                }
                frontier = next
            }
            var cases: [UUID: (caseID: UUID, disease: Disease, classification: CaseClassification)] = [:]
            for c in try await repository.records(of: Array(people), kinds: [.notification], in: db) {
                if let report = c.notification, cases[c.personID] == nil || c.personID == record.personID && c.id == record.id {
                    cases[c.personID] = (c.id, report.disease, report.classification)
                }
            }
            return TransmissionGraph.build(from: record.personID, cases: cases, contacts: links)
        }
    }

    /// The organization's open continuity alerts (`?all=true` for acknowledged ones too), each a health read.
    func alerts(request: Request, context: AppRequestContext) async throws -> [HealthRecord] {
        try await alerts(all: QueryFlag.read(request.uri.queryParameters["all"], name: "all"), request: request, context: context)
    }

    /// The organization's continuity alerts, open ones only unless `all`, each a health read.
    func alerts(all: Bool, request: Request, context: AppRequestContext) async throws -> [HealthRecord] {
        let identity = try context.requireIdentity()
        let found = try await repository.filed(.alert, organizationID: identity.organization.id, statuses: all ? [] : ["open"])
        let targets = try await people.targets(ids: Array(Set(found.map(\.personID))))
        let allowed = try await gate.permits(.health, ofEach: found.map { targets[$0.personID] ?? AccessGate.Target(personID: $0.personID) },
                                             request: request, context: context)
        return zip(found, allowed).filter(\.1).map(\.0)
    }

    // MARK: continuity of care

    /// Raises continuity alerts, in the caller's transaction, for a change to a person that puts their ongoing
    /// treatments at risk; returns how many. Called by the status and person writes.
    @discardableResult
    func raiseContinuityAlerts(for personID: UUID, change: ContinuityOfCare.Change, by user: UUID?, in db: any SQLDatabase) async throws -> Int {
        let records = try await repository.records(of: [personID], kinds: [.treatment, .alert], in: db)
        let treatments = records.compactMap { record in record.treatment.map { (id: record.id, treatment: $0) } }
        // An alert still open for the same treatment and reason is not raised again (a corrected status, a second save).
        let open = Set(records.compactMap { $0.alert }.filter { $0.acknowledgedOn == nil }.map { "\($0.treatmentID) \($0.trigger.rawValue)" })
        let today = services.today, now = services.now()
        let alerts = ContinuityOfCare.alerts(for: change, ongoing: treatments, today: today)
            .filter { !open.contains("\($0.treatmentID) \($0.trigger.rawValue)") }
        for alert in alerts {
            var record = HealthRecord(personID: personID, kind: .alert, organizationID: alert.treatingOrganizationID, recordedBy: user, recordedAt: now, date: today)
            record.alert = alert
            try await repository.insert(record, milestones: 0, in: db)
        }
        return alerts.count
    }

    // MARK: the population

    /// The cascade of the whole population on `day`, cells under five suppressed (an aggregate read, audited).
    func populationCascade(on day: CalendarDay, request: Request, context: AppRequestContext) async throws -> PopulationCascade {
        try await gate.authorizeRead(.aggregate, of: AccessGate.Target(), request: request, context: context)
        return PopulationCascade.compute(await services.population.current(), engine: reference.engine, on: day)
    }

    /// Replaces the country table (platform administrators); the engine uses it at once and after restarts.
    func importEpidemiology(_ data: Data, context: AppRequestContext) async throws -> CountryEpidemiology {
        let identity = try context.requirePlatformAdmin("Only platform administrators replace the country table the screening rules read.")
        return try await Self.replaceEpidemiology(data, by: identity.user.id, services: services)
    }

    /// Checks a country table whole, keeps it in `reference_documents` and puts it in force; nothing changes when it fails.
    static func replaceEpidemiology(_ data: Data, by user: UUID?, services: AppServices) async throws -> CountryEpidemiology {
        let table = try CountryEpidemiology.parse(data, knownCountries: Set(services.countries.countries.keys))
        let now = services.now()
        try await services.database.write { db in
            try await services.healthRecords.saveReferenceDocument(HealthReference.documentName, String(decoding: data, as: UTF8.self), by: user, at: now, in: db)
        }
        services.health.replace(table)
        return table
    }

    /// `carebridge import epidemiology FILE`: the same, from the command line (the operator's own act).
    public static func importEpidemiology(path: String, configuration: AppConfiguration) async throws -> CountryEpidemiology {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CareBridgeError.invalid("file", "Cannot read \(path): \(error.localizedDescription)")
        }
        return try await Admin.withServices(configuration) { services in try await replaceEpidemiology(data, by: nil, services: services) }
    }
}

import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import SQLKit

/// The registry's operations, shared by the JSON API and the staff pages: each asks the access gate first and
/// commits its audit event in the transaction that makes the change.
struct PeopleService: Sendable {
    let services: AppServices
    var gate: AccessGate { services.gate }

    /// A likely duplicate as a user may see it: the whole record only if the policy lets them read its identity.
    struct Candidate: Sendable {
        var id: UUID
        var code: String
        var recordOrganizationID: UUID
        var person: Person?
        var result: MatchResult
    }

    /// What the policy needs about one person: who holds the record and what the person consented to (404 if none).
    func target(_ id: UUID) async throws -> AccessGate.Target {
        try await services.database.read(.brief) { db in try await target(id, in: db) }
    }

    /// The access facts of several people by id, in one read (people not found are left out).
    func targets(ids: [UUID]) async throws -> [UUID: AccessGate.Target] {
        guard !ids.isEmpty else { return [:] }
        return try await services.database.read { db in
            let holders = try await services.people.recordOrganizations(of: ids, in: db)
            let consents = Dictionary(grouping: try await services.consents.consents(of: Array(holders.keys), in: db)) { $0.personID }
            return holders.reduce(into: [:]) { targets, entry in
                targets[entry.key] = AccessGate.Target(personID: entry.key, recordOrganizationID: entry.value, consents: consents[entry.key] ?? [])
            }
        }
    }

    /// The person's record holder and consents, read together (one statement).
    func target(_ id: UUID, in db: any SQLDatabase) async throws -> AccessGate.Target {
        guard let access = try await services.people.access(of: id, in: db) else { throw CareBridgeError.notFound("The person") }
        return AccessGate.Target(personID: id, recordOrganizationID: access.recordOrganizationID, consents: access.consents)
    }

    func targets(_ people: [Person]) async throws -> [UUID: AccessGate.Target] {
        let consents = Dictionary(grouping: try await services.consents.consents(of: people.map(\.id))) { $0.personID }
        return Dictionary(people.map { p in
            (p.id, AccessGate.Target(personID: p.id, recordOrganizationID: p.recordOrganizationID, consents: consents[p.id] ?? []))
        }, uniquingKeysWith: { a, _ in a })
    }

    /// Keeps the people this user may see for `category`, each decision audited.
    func visible(_ people: [Person], _ category: DataCategory = .identity, request: Request, context: AppRequestContext) async throws -> [Person] {
        let targets = try await targets(people)
        let allowed = try await gate.permits(category, ofEach: people.map { targets[$0.id]! }, request: request, context: context)
        return zip(people, allowed).filter(\.1).map(\.0)
    }

    // MARK: register, read, edit

    /// Likely duplicates of a draft or stored record, best first; identity shown only where the policy allows.
    func candidates(for person: Person, excluding: UUID?, request: Request, context: AppRequestContext) async throws -> [Candidate] {
        let found = services.peopleIndex.candidates(for: services.people.matchInput(person), excluding: excluding, limit: 10)
        let records = try await services.people.find(ids: found.map(\.id)).map(\.value)
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let shown = Set(try await visible(records, request: request, context: context).map(\.id))
        return found.compactMap { match in
            guard let record = byID[match.id], record.mergedInto == nil else { return nil }
            return Candidate(id: record.id, code: record.code, recordOrganizationID: record.recordOrganizationID,
                             person: shown.contains(record.id) ? record : nil, result: match.result)
        }
    }

    /// Registers a person in the user's organization. Unless `despiteMatches`, refuses with 409 and the candidates when
    /// the record looks like someone already registered.
    func register(_ draft: Person, despiteMatches: Bool, request: Request, context: AppRequestContext) async throws -> Person {
        let identity = try context.requireIdentity()
        let now = services.now()
        var person = draft
        person.recordOrganizationID = identity.organization.id
        (person.createdAt, person.updatedAt) = (now, now)
        person = try services.personRules.validated(person)
        let target = AccessGate.Target(personID: person.id, recordOrganizationID: identity.organization.id)
        var audits = [try await gate.authorizeWrite(.identity, of: target, request: request, context: context)]
        if person.contact != nil { audits.append(try await gate.authorizeWrite(.contact, of: target, request: request, context: context)) }
        if !despiteMatches {
            let candidates = try await candidates(for: person, excluding: nil, request: request, context: context)
            if !candidates.isEmpty {
                throw CareBridgeError(.conflict, title: "Possible duplicate",
                                      detail: "\(candidates.count) registered \(candidates.count == 1 ? "person looks" : "people look") like this one. Open the record if it is the same person, or register again confirming it is someone else.",
                                      reason: "possible-duplicate")
                    .adding("candidates", candidates.map(CandidateBody.init), encoder: .api)
            }
        }
        let auditEvents = audits
        for attempt in 0..<3 {
            do {
                let stored = person
                try await services.database.write { db in
                    try await services.people.create(stored, in: db)
                    try await services.audit.append(auditEvents, in: db)
                }
                break
            } catch where Database.isUniqueViolation(error) && attempt < 2 {
                person.code = PersonCode.make()  // 35 random bits: a clash is rare, and a second one rarer still.
            }
        }
        services.peopleIndex.upsert(person.id, services.people.matchInput(person))
        services.population.changed([person.id])
        return person
    }

    /// The record, with contact details only if the policy lets this user see them (both decisions audited).
    func read(_ id: UUID, request: Request, context: AppRequestContext) async throws -> (record: Versioned<Person>, contactShown: Bool) {
        // The record, its documents and its consents in one statement.
        guard let stored = try await services.database.read(.brief, { db in try await services.people.findWithConsents(id: id, in: db) }) else {
            throw CareBridgeError.notFound("The person")
        }
        var found = stored.record
        var target = AccessGate.Target(personID: id, recordOrganizationID: found.value.recordOrganizationID, consents: stored.consents)
        // The legal-notification rule lets the public-health service read who a notified case is and how to reach
        // them; only its users can use it, so only they pay the look-up.
        if try context.requireIdentity().organization.kind == .publicHealthService {
            target.hasNotifiableCondition = try await services.database.read(.brief) { db in try await !services.healthRecords.notified([id], in: db).isEmpty }
        }
        // Identity and, when there are contact details, contact: decided together, audited in one commit.
        let shown = try await gate.authorizeReads([.identity], optional: found.value.contact == nil ? [] : [.contact], of: target, request: request, context: context)
        let contactShown = shown.contains(.contact)
        if !contactShown { found.value.contact = nil }
        return (found, contactShown)
    }

    /// Replaces the editable fields if the record is still at `expectedVersion`. A stale edit is refused with 412 and the
    /// current record (when the user may read it), so both versions can be shown side by side.
    func update(_ id: UUID, expectedVersion: Int64, edit: (inout Person) throws -> Void, request: Request, context: AppRequestContext) async throws -> Versioned<Person> {
        guard let current = try await services.people.find(id: id) else { throw CareBridgeError.notFound("The person") }
        let target = try await target(id)
        var person = current.value
        try edit(&person)
        person.updatedAt = services.now()
        person = try services.personRules.validated(person)
        var audits = [try await gate.authorizeWrite(.identity, of: target, request: request, context: context)]
        if person.contact != current.value.contact {
            audits.append(try await gate.authorizeWrite(.contact, of: target, request: request, context: context))
        }
        guard current.version == expectedVersion else { throw try await stale(current, request: request, context: context) }
        let stored = person
        let auditEvents = audits
        let moved = current.value.region != person.region ? ContinuityOfCare.Change.region(from: current.value.region, to: person.region) : nil
        let user = try context.requireIdentity().user.id
        let version: Int64
        do {
            version = try await services.database.write { db in
                let version = try await services.people.update(stored, expectedVersion: expectedVersion, in: db)
                try await services.audit.append(auditEvents, in: db)
                // A move puts ongoing treatment at risk: the treating facility is told in the same commit.
                if let moved { try await HealthService(services: services).raiseContinuityAlerts(for: id, change: moved, by: user, in: db) }
                return version
            }
        } catch let error as CareBridgeError where error.reason == "stale-version" {
            throw try await stale(try await services.people.find(id: id) ?? current, request: request, context: context)
        }
        if person.mergedInto == nil { services.peopleIndex.upsert(id, services.people.matchInput(person)) }
        services.population.changed([id])
        return Versioned(person, version: version)
    }

    func stale(_ current: Versioned<Person>, request: Request, context: AppRequestContext) async throws -> CareBridgeError {
        var shown = current.value
        if shown.contact != nil, !(try await gate.permits(.contact, of: try await target(shown.id), request: request, context: context)) {
            shown.contact = nil
        }
        return PersonRepository.stale.adding("currentVersion", current.version).adding("current", PersonBody(shown), encoder: .api)
    }

    // MARK: find

    struct Query: Sendable {
        var text: String?
        var birthYear: Int?
        var document: IdentityDocument?
        var limit = 50
    }

    /// Finds people by printed code, by document, by name in any script (with birth year), or by birth year alone;
    /// only those the user may see are returned, each reading audited.
    func search(_ query: Query, request: Request, context: AppRequestContext) async throws -> [Person] {
        _ = try context.requireIdentity()
        var ids: [UUID] = []
        if let document = query.document {
            ids = try await services.people.ids(document: document)
        } else if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if let code = PersonCode.canonical(text) {
                ids = try await services.people.id(code: code).map { [$0] } ?? []
            } else {
                guard text.contains(where: \.isLetter) else { throw CareBridgeError.invalid("q", "Search for a name, a code such as CB-7K9Q-2MX4, or a document.") }
                ids = services.peopleIndex.searchName(text, birthYear: query.birthYear, limit: query.limit).map(\.id)
            }
        } else if let year = query.birthYear {
            ids = try await services.people.ids(birthYear: year, limit: query.limit)
        } else {
            throw CareBridgeError.invalid("q", "Give a name, a code, a birth year or a document to search for.")
        }
        let records = try await services.people.find(ids: Array(ids.prefix(query.limit))).map(\.value).filter { $0.mergedInto == nil }
        var shown = try await visible(records, request: request, context: context)
        for i in shown.indices { shown[i].contact = nil }  // Lists never carry contact details.
        return shown
    }
}

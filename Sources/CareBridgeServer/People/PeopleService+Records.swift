import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird

/// Legal status, insurance and consents of one person.
extension PeopleService {
    /// The episodes of the person and of records merged into them, newest first (legal-status read, audited).
    func statuses(_ id: UUID, request: Request, context: AppRequestContext) async throws -> (statuses: [StatusEpisode], policies: [InsurancePolicy]) {
        try await gate.authorizeRead(.legalStatus, of: try await target(id), request: request, context: context)
        let ids = [id] + (try await mergedRecords(into: id))
        return (try await services.statuses.statuses(of: ids), try await services.statuses.policies(of: ids))
    }

    /// Adds or corrects an episode; overlapping another is refused with 409 naming it.
    func saveStatus(_ episode: StatusEpisode, request: Request, context: AppRequestContext) async throws {
        let audit = try await gate.authorizeWrite(.legalStatus, of: try await target(episode.personID), request: request, context: context)
        let today = services.today
        let user = try context.requireIdentity().user.id
        try await services.database.write { db in
            try await services.statuses.save(episode, today: today, in: db)
            try await services.audit.append([audit], in: db)
            // Detention, or a status that ends, puts ongoing treatment at risk: the treating facility is told in the same commit.
            try await HealthService(services: services).raiseContinuityAlerts(
                for: episode.personID, change: .status(kind: episode.status, validUntil: episode.validUntil), by: user, in: db)
        }
        services.population.changed([episode.personID])
    }

    func deleteStatus(_ episodeID: UUID, of personID: UUID, request: Request, context: AppRequestContext) async throws {
        let audit = try await gate.authorizeWrite(.legalStatus, of: try await target(personID), request: request, context: context)
        try await services.database.write { db in
            guard try await services.statuses.deleteStatus(id: episodeID, personID: personID, in: db) else {
                throw CareBridgeError.notFound("The status episode")
            }
            try await services.audit.append([audit], in: db)
        }
        services.population.changed([personID])
    }

    func savePolicy(_ policy: InsurancePolicy, request: Request, context: AppRequestContext) async throws {
        let audit = try await gate.authorizeWrite(.legalStatus, of: try await target(policy.personID), request: request, context: context)
        try await services.database.write { db in
            try await services.statuses.save(policy, in: db)
            try await services.audit.append([audit], in: db)
        }
        services.population.changed([policy.personID])
    }

    // MARK: consents

    func consents(_ id: UUID, request: Request, context: AppRequestContext) async throws -> [Consent] {
        let target = try await target(id)
        try await gate.authorizeRead(.identity, of: target, request: request, context: context)
        return target.consents
    }

    /// Records a consent; the grantee organization must exist.
    func recordConsent(_ consent: Consent, request: Request, context: AppRequestContext) async throws {
        try consent.validate()
        if case .organization(let organization) = consent.grantee, try await services.organizations.find(id: organization) == nil {
            throw CareBridgeError.invalid("organizationId", "There is no organization with id \(Hex.uuid(organization)).")
        }
        guard let personID = consent.personID else { throw CareBridgeError.notFound("The person") }
        let audit = try await gate.authorizeWrite(.identity, of: try await target(personID), request: request, context: context)
        try await services.database.write { db in
            try await services.consents.insert([consent], in: db)
            try await services.audit.append([audit], in: db)
        }
    }

    /// Withdraws a consent; from the commit on, every request is decided without it.
    func withdrawConsent(_ consentID: UUID, of personID: UUID, request: Request, context: AppRequestContext) async throws {
        let identity = try context.requireIdentity()
        let audit = try await gate.authorizeWrite(.identity, of: try await target(personID), request: request, context: context)
        let now = services.now()
        try await services.database.write { db in
            guard try await services.consents.withdraw(id: consentID, personID: personID, by: identity.user.id, at: now, in: db) else {
                throw CareBridgeError.conflict("There is no consent \(Hex.uuid(consentID)) in force for this person.", reason: "no-such-consent")
            }
            try await services.audit.append([audit], in: db)
        }
    }

    // MARK: merges

    func mergedRecords(into id: UUID) async throws -> [UUID] {
        try await services.merges.merges(involving: id).filter { $0.survivorID == id && $0.undoneAt == nil }.map(\.mergedID)
    }

    /// Merges `duplicate` into `survivor`: the duplicate is kept with its history and points at the survivor.
    func merge(_ duplicate: UUID, into survivor: UUID, reason: String?, request: Request, context: AppRequestContext) async throws -> PersonMerge {
        let identity = try context.requireIdentity()
        guard duplicate != survivor else { throw CareBridgeError.invalid("duplicateId", "A record cannot be merged into itself.") }
        guard let kept = try await services.people.find(id: survivor), let gone = try await services.people.find(id: duplicate) else {
            throw CareBridgeError.notFound("The person")
        }
        guard kept.value.mergedInto == nil, gone.value.mergedInto == nil else {
            throw CareBridgeError.conflict("One of the two records is already merged into another; undo that merge first.", reason: "already-merged")
        }
        let audits = [try await gate.authorizeWrite(.identity, of: try await target(survivor), request: request, context: context),
                      try await gate.authorizeWrite(.identity, of: try await target(duplicate), request: request, context: context)]
        let merge = PersonMerge(survivorID: survivor, mergedID: duplicate, reason: reason, mergedBy: identity.user.id, mergedAt: services.now())
        try await services.database.write { db in
            try await services.merges.insert(merge, in: db)
            try await services.people.setMergedInto(survivor, id: duplicate, at: merge.mergedAt, in: db)
            try await services.audit.append(audits, in: db)
        }
        services.peopleIndex.remove(duplicate)
        services.population.changed([duplicate])
        return merge
    }

    /// Undoes a merge: the duplicate stands on its own again, with everything it had.
    func undoMerge(_ mergeID: UUID, of survivor: UUID, request: Request, context: AppRequestContext) async throws -> PersonMerge {
        let identity = try context.requireIdentity()
        let now = services.now()
        guard let merge = try await services.database.read({ db in try await services.merges.find(id: mergeID, in: db) }),
              merge.survivorID == survivor else { throw CareBridgeError.notFound("The merge") }
        let audits = [try await gate.authorizeWrite(.identity, of: try await target(survivor), request: request, context: context),
                      try await gate.authorizeWrite(.identity, of: try await target(merge.mergedID), request: request, context: context)]
        try await services.database.write { db in
            guard try await services.merges.markUndone(id: mergeID, by: identity.user.id, at: now, in: db) else {
                throw CareBridgeError.conflict("This merge was already undone.", reason: "already-undone")
            }
            try await services.people.setMergedInto(nil, id: merge.mergedID, at: now, in: db)
            try await services.audit.append(audits, in: db)
        }
        if let restored = try await services.people.find(id: merge.mergedID) {
            services.peopleIndex.upsert(restored.value.id, services.people.matchInput(restored.value))
        }
        services.population.changed([merge.mergedID])
        var undone = merge
        (undone.undoneAt, undone.undoneBy) = (now, identity.user.id)
        return undone
    }
}

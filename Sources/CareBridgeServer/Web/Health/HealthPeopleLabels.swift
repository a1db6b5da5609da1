import CareBridgeCore
import Foundation
import Hummingbird

/// The names the health pages show beside person ids: only people whose identity the user may read (each decision
/// asked of the policy and audited; a person with a notified case counts as such for the legal-notification rule),
/// the others as "Person (identity not shown)".
struct HealthPeopleLabels: Sendable {
    /// Name and printed code ("Rahimi Zahra · CB-7K9Q-2MX4"), and the name alone for tight places (the chain's boxes).
    var names: [UUID: String] = [:]
    var shortNames: [UUID: String] = [:]

    static func load(_ ids: [UUID], request: Request, context: AppRequestContext, services: AppServices) async throws -> HealthPeopleLabels {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return HealthPeopleLabels() }
        let people = PeopleService(services: services)
        let targets = try await people.targets(ids: unique)
        let notified = try await services.database.read { db in try await services.healthRecords.notified(unique, in: db) }
        let known = unique.filter { targets[$0] != nil }
        let allowed = try await services.gate.permits(.identity, ofEach: known.map { id -> AccessGate.Target in
            var target = targets[id]!
            target.hasNotifiableCondition = notified.contains(id)
            return target
        }, request: request, context: context)
        let shown = zip(known, allowed).filter(\.1).map(\.0)
        var labels = HealthPeopleLabels()
        for person in try await services.people.find(ids: shown).map(\.value) {
            labels.names[person.id] = "\(person.displayName) · \(person.code)"
            labels.shortNames[person.id] = person.displayName
        }
        return labels
    }

    func name(_ id: UUID, _ l: Localizer) -> String { names[id] ?? l("referrals.person-hidden") }
}

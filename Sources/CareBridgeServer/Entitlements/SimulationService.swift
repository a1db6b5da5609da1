import CareBridgeCore
import CareBridgeStore
import Foundation

/// Policy simulation: the rule set in force against an alternative (another stored set, an uploaded file, or the
/// one in force with readings switched, rules switched off or outcomes edited), over the population snapshot on a
/// day. Each run is stored with its inputs so a measure can cite it.
struct SimulationService: Sendable {
    let services: AppServices

    struct Request: Codable, Sendable {
        struct Alternative: Codable, Sendable {
            var ruleSetId: UUID?
            var yaml: String?
            var fileName: String?
            var changes: RuleSetChanges?
        }
        var title: String
        var date: CalendarDay?
        var alternative: Alternative
    }

    func run(_ input: Request, by identity: Identity) async throws -> StoredSimulation {
        let title = input.title.trimmed
        guard !title.isEmpty, title.count <= 200 else { throw CareBridgeError.invalid("title", "Give the simulation a title of 1 to 200 characters.") }
        let day = input.date ?? services.today
        let baseline = try services.ruleSets.current(services.configuration.country)
        if input.alternative.ruleSetId != nil && input.alternative.yaml != nil {
            throw CareBridgeError.invalid("alternative", "Give the alternative as a stored rule set (ruleSetId) or as a file (yaml), not both.")
        }
        let changes = input.alternative.changes ?? RuleSetChanges()
        var yaml = baseline.stored.yaml, fileName = baseline.stored.fileName, baseSelection = baseline.stored.selection
        var source = "\(baseline.stored.country) \(baseline.stored.version)"
        if let id = input.alternative.ruleSetId {
            guard let stored = try await services.ruleSets.repository.find(id: id) else { throw CareBridgeError.notFound("The alternative rule set") }
            (yaml, fileName, baseSelection, source) = (stored.yaml, stored.fileName, stored.selection, "\(stored.country) \(stored.version)")
        } else if let text = input.alternative.yaml {
            fileName = input.alternative.fileName ?? "alternative.yaml"
            yaml = text
            baseSelection = [:]
            source = "uploaded \(fileName)"
        }
        let set: RuleSet
        do { set = try RuleSetParser.parse(yaml, file: fileName, countries: services.ruleSets.countries) } catch { throw error.error }
        if input.alternative.ruleSetId == nil && input.alternative.yaml == nil && changes.isEmpty {
            throw CareBridgeError.invalid("alternative", "The alternative is the rule set in force unchanged; switch a reading, a rule or an outcome, or give another rule set.")
        }
        let alternative = try changes.apply(to: set, baseSelection: baseSelection, fileName: fileName)
        guard services.population.isComplete else {
            throw CareBridgeError(.unavailable, title: "Population still loading",
                                  detail: "The population snapshot is still being read after a restart; run the simulation again in a minute.")
        }
        let snapshot = await services.population.current()
        let scan = try await EntitlementScan.run(snapshot, before: baseline.table, after: alternative, on: day)
        let label = [source, changes.label].filter { !$0.isEmpty }.joined(separator: "; ")
        let stored = StoredSimulation(title: title, createdBy: identity.user.id, organizationID: identity.organization.id, createdAt: services.now(),
                                      onDate: day, baselineRuleSetID: baseline.stored.id, baselineSelection: baseline.stored.selection,
                                      alternativeYAML: yaml, alternativeChanges: String(decoding: try JSONEncoder.api.encode(changes), as: UTF8.self),
                                      alternativeLabel: label, people: scan.people,
                                      result: String(decoding: try JSONEncoder.api.encode(scan), as: UTF8.self))
        let audit = AuditDraft(occurredAt: services.now(), actorUserID: identity.user.id, actorUsername: identity.user.username,
                               organizationID: identity.organization.id, organizationKind: identity.organization.kind, role: identity.user.role,
                               purpose: .statistics, category: .aggregate, action: "simulation.run", outcome: .succeeded, reason: stored.id.uuidString.lowercased())
        try await services.database.write { db in
            try await services.simulations.insert(stored, in: db)
            try await services.audit.append([audit], in: db)
        }
        return stored
    }
}

extension Identity {
    /// Simulations and rule-set reading are analysts' and administrators' work (and public health's, who plan measures).
    func requireAnalysis() throws {
        guard [.analyst, .admin, .publicHealthOfficer].contains(user.role) else {
            throw CareBridgeError(.forbidden, title: "Not allowed", detail: "Simulations are run by analysts, public-health officers and administrators.",
                                  reason: "role-not-allowed")
        }
    }
}

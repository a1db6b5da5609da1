import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird

/// One person's entitlements on a day, read through the access policy: their identity (citizenship, birth) and legal
/// status are two audited reads; the decision itself is the rule set in force.
struct EntitlementService: Sendable {
    let services: AppServices
    var people: PeopleService { PeopleService(services: services) }

    struct PersonEntitlements: Sendable {
        var personID: UUID
        var day: CalendarDay
        var facts: EntitlementFacts
        var inForce: RuleSetRegistry.InForce
        var decisions: [CareDecision]
    }

    func entitlements(of id: UUID, on day: CalendarDay, pregnant: Bool = false, asylumStage: AsylumStage? = nil,
                      request: Request, context: AppRequestContext) async throws -> PersonEntitlements {
        let person = try await people.read(id, request: request, context: context).record.value
        let (statuses, policies) = try await people.statuses(id, request: request, context: context)
        let standing = StandingOnDay(date: day, statuses: statuses.filter { $0.personID == id }, policies: policies.filter { $0.personID == id })
        guard let status = standing.status?.status else {
            throw CareBridgeError.conflict("No legal status is recorded for \(day); record the status held that day to see what care it gives.", reason: "no-status-on-date")
        }
        let inForce = try services.ruleSets.current(services.configuration.country)
        let facts = EntitlementFacts(status: status, citizenship: person.citizenship, insured: standing.insurance != nil,
                                     age: person.birthDate?.age(on: day), pregnant: pregnant, asylumStage: asylumStage)
        return PersonEntitlements(personID: id, day: day, facts: facts, inForce: inForce, decisions: try inForce.table.decide(facts, on: day))
    }
}

/// The changes a simulation applies to a rule set: which reading of each conflict, rules switched off, outcomes edited.
struct RuleSetChanges: Codable, Sendable, Hashable {
    struct Edit: Codable, Sendable, Hashable {
        var outcome: String
        var price: String?
    }
    var selection: [String: String]?
    var disabledRules: [String]?
    var edits: [String: Edit]?

    var isEmpty: Bool { (selection ?? [:]).isEmpty && (disabledRules ?? []).isEmpty && (edits ?? [:]).isEmpty }

    /// The rule set with the changes applied, checked whole; an unknown rule id is an error naming it.
    func apply(to set: RuleSet, baseSelection: RuleSet.Selection, fileName: String) throws -> DecisionTable {
        var changed = set
        for id in (disabledRules ?? []) + Array((edits ?? [:]).keys) where set.rule(id) == nil {
            throw CareBridgeError.invalid("alternative", "The rule set has no rule '\(id)'.")
        }
        var outcomes: [String: Outcome] = [:]
        for (id, edit) in edits ?? [:] {
            let kind = try OutcomeKind.parse(edit.outcome, field: "alternative.edits.\(id).outcome")
            outcomes[id] = Outcome(kind, price: kind == .paid ? edit.price : nil)
        }
        let off = Set(disabledRules ?? [])
        changed.rules = set.rules.filter { !off.contains($0.id) }.map { rule in
            var edited = rule
            if let outcome = outcomes[rule.id] { edited.outcome = outcome }
            return edited
        }
        do {
            return try RuleSetCompiler.compile(changed, selection: baseSelection.merging(selection ?? [:]) { $1 }, file: fileName)
        } catch {
            throw error.error
        }
    }

    var label: String {
        var parts: [String] = []
        if let selection, !selection.isEmpty { parts.append("readings " + selection.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")) }
        if let off = disabledRules, !off.isEmpty { parts.append("switched off " + off.joined(separator: ", ")) }
        if let edits, !edits.isEmpty {
            parts.append("edited " + edits.sorted { $0.key < $1.key }.map { "\($0.key) -> \($0.value.outcome)\($0.value.price.map { " (\($0))" } ?? "")" }.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }
}

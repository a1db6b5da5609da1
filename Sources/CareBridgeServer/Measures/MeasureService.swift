import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import SQLKit

/// Action plans and their measures. Plans and measures are not person-level data: every signed-in user reads them.
/// Any signed-in user may propose a measure; the organizations taking part in it (the proposer's, the responsible and
/// contributing ones, and those at a meeting that discussed it) comment, state positions and propose amendments; the
/// responsible organization and platform administrators edit, decide amendments and move the status. Every change is
/// one audit event in the same transaction (who, which organization, what, which measure and version).
struct MeasureService: Sendable {
    let services: AppServices
    var repository: MeasureRepository { MeasureRepository(services.database) }

    func actor(_ identity: Identity) -> MeasureActor {
        MeasureActor(userID: identity.user.id, username: identity.user.username, organizationID: identity.organization.id, at: services.now())
    }

    func audit(_ identity: Identity, _ action: String, _ reason: String, requestID: String?) -> AuditDraft {
        AuditDraft(occurredAt: services.now(), actorUserID: identity.user.id, actorUsername: identity.user.username,
                   organizationID: identity.organization.id, organizationKind: identity.organization.kind, role: identity.user.role,
                   purpose: .administration, category: .aggregate, action: action, outcome: .succeeded, reason: reason, requestID: requestID)
    }

    static func isPlatformAdmin(_ identity: Identity) -> Bool { identity.user.role == .admin && identity.organization.kind == .healthMinistry }

    // MARK: Plans

    func requirePlanner(_ identity: Identity) throws {
        guard Self.isPlatformAdmin(identity) else {
            throw CareBridgeError(.forbidden, title: "Not allowed", detail: "Action plans are opened by administrators of the health ministry that runs the platform.",
                                  reason: "platform-admin-only")
        }
    }

    func createPlan(_ plan: ActionPlan, by identity: Identity, requestID: String?) async throws -> ActionPlan {
        try requirePlanner(identity)
        try plan.validate()
        try await services.database.write { db in
            try await repository.insert(plan, in: db)
            try await services.audit.append([audit(identity, "plan.create", plan.id.text, requestID: requestID)], in: db)
        }
        return plan
    }

    /// Changes a plan's title, summary or period (platform administrators), if nobody changed it since `expectedVersion`.
    func updatePlan(_ id: UUID, expectedVersion: Int, by identity: Identity, requestID: String?, _ change: (inout ActionPlan) -> Void) async throws -> ActionPlan {
        try requirePlanner(identity)
        var plan = try await self.plan(id)
        guard plan.version == expectedVersion else { throw MeasureRepository.staleVersion.adding("currentVersion", plan.version) }
        change(&plan)
        try plan.validate()
        plan.version += 1
        let changed = plan
        try await services.database.write { db in
            try await repository.update(changed, expectedVersion: expectedVersion, in: db)
            try await services.audit.append([audit(identity, "plan.update", "\(changed.id.text) v\(changed.version)", requestID: requestID)], in: db)
        }
        return changed
    }

    func plan(_ id: UUID) async throws -> ActionPlan {
        guard let plan = try await repository.plan(id) else { throw CareBridgeError.notFound("The action plan") }
        return plan
    }

    // MARK: Measures

    func measure(_ id: UUID) async throws -> Measure {
        guard let measure = try await repository.measure(id) else { throw CareBridgeError.notFound("The measure") }
        return measure
    }

    /// The checks only the server can make: the organizations, the simulation run and the indicators exist, and a
    /// share's baseline and target lie between 0 and 1.
    func checkEvidence(_ content: MeasureContent) async throws {
        try content.validate()
        guard try await services.organizations.find(id: content.responsibleOrganizationID) != nil else {
            throw CareBridgeError.invalid("responsibleOrganizationId", "The responsible organization \(content.responsibleOrganizationID.text) does not exist.")
        }
        for (i, id) in content.contributingOrganizationIDs.enumerated() {
            if try await services.organizations.find(id: id) == nil {
                throw CareBridgeError.invalid("contributingOrganizationIds[\(i)]", "The contributing organization \(id.text) does not exist.")
            }
        }
        if let simulation = content.simulationID, try await services.simulations.find(id: simulation) == nil {
            throw CareBridgeError.invalid("simulationId", "The simulation run \(simulation.text) no longer exists; run the simulation again and link the new run.")
        }
        let catalog = services.indicators.catalog
        for (i, target) in content.indicators.enumerated() {
            guard let indicator = catalog.indicator(target.indicatorId) else {
                throw CareBridgeError.invalid("indicators[\(i)].indicatorId",
                                              "'\(target.indicatorId)' is not an indicator; one of \(catalog.indicators.map(\.id).joined(separator: ", ")).")
            }
            if indicator.measure == .proportion, !((0...1).contains(target.baseline) && (0...1).contains(target.target)) {
                throw CareBridgeError.invalid("indicators[\(i)].target", "\(target.indicatorId) is a share: give the baseline and target from 0 to 1 (45% is 0.45).")
            }
            if let breakdown = target.breakdown, IndicatorDimension(rawValue: String(breakdown.split(separator: ":")[0])) == nil {
                throw CareBridgeError.invalid("indicators[\(i)].breakdown",
                                              "'\(breakdown)' does not start with a dimension; one of \(IndicatorDimension.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }
    }

    func propose(plan planID: UUID, _ content: MeasureContent, note: String?, by identity: Identity, requestID: String?) async throws -> Measure {
        _ = try await plan(planID)
        try await checkEvidence(content)
        let actor = actor(identity)
        // Should two proposals still pick the same number (the unique index refuses the second), take the next and retry.
        for attempt in 1...3 {
            do {
                return try await services.database.write { db in
                    // PostgreSQL runs proposals side by side: numbering waits its turn (SQLite already writes one at a time).
                    if services.database.kind == .postgres { try await db.raw("SELECT pg_advisory_xact_lock(727275)").run() }
                    let number = try await repository.nextNumber(plan: planID, in: db)
                    let measure = try Measure(planID: planID, number: number, content: content, by: actor, note: note)
                    try await repository.insert(measure, in: db)
                    try await services.audit.append([audit(identity, "measure.propose", "\(measure.id.text) v1", requestID: requestID)], in: db)
                    return measure
                }
            } catch where Database.isUniqueViolation(error) && attempt < 3 {
                continue
            }
        }
        throw CareBridgeError.conflict("Other measures were being proposed at the same moment; send the proposal again.", reason: "busy")
    }

    /// The organizations that take part in a measure: its own, and those at meetings that discussed it.
    func participants(_ measure: Measure) async throws -> Set<UUID> {
        let meetings = try await repository.meetings(plan: measure.planID).filter { $0.measureIDs.contains(measure.id) }
        return measure.organizationIDs.union(meetings.flatMap(\.participantIDs))
    }

    func requireResponsible(_ measure: Measure, _ identity: Identity) throws {
        guard Self.isPlatformAdmin(identity) || identity.organization.id == measure.current.responsibleOrganizationID else {
            throw CareBridgeError(.forbidden, title: "Not allowed",
                                  detail: "Only the organization responsible for the measure (or a platform administrator) edits it, decides amendments and changes its status.",
                                  reason: "not-responsible")
        }
    }

    func requireParticipant(_ measure: Measure, _ identity: Identity) async throws {
        guard Self.isPlatformAdmin(identity) else {
            guard try await participants(measure).contains(identity.organization.id) else {
                throw CareBridgeError(.forbidden, title: "Not allowed",
                                      detail: "Only organizations taking part in the measure (proposer, responsible, contributing, or at a meeting that discussed it) deliberate on it.",
                                      reason: "not-participant")
            }
            return
        }
    }

    /// Loads, checks the version the client read, changes, stores and audits in one transaction.
    func change(_ id: UUID, expectedRevision: Int?, by identity: Identity, requestID: String?, action: String,
                _ body: @escaping @Sendable (inout Measure) async throws -> String) async throws -> Measure {
        var measure = try await self.measure(id)
        if let expectedRevision, expectedRevision != measure.revision {
            throw MeasureRepository.staleVersion.adding("currentRevision", measure.revision).adding("currentVersion", measure.currentVersion)
        }
        let before = measure.revision
        let reason = try await body(&measure)
        let changed = measure
        try await services.database.write { db in
            try await repository.update(changed, expectedRevision: before, in: db)
            try await services.audit.append([audit(identity, action, "\(changed.id.text) \(reason)", requestID: requestID)], in: db)
        }
        return changed
    }

    func checkMeeting(_ meetingID: UUID?, plan: UUID) async throws {
        guard let meetingID else { return }
        guard let meeting = try await repository.meeting(meetingID), meeting.planID == plan else {
            throw CareBridgeError.invalid("meetingId", "The meeting \(meetingID.text) is not a meeting of this plan.")
        }
    }

    func edit(_ id: UUID, content: MeasureContent, baseVersion: Int, note: String?, meetingID: UUID?, expectedRevision: Int?,
              by identity: Identity, requestID: String?) async throws -> Measure {
        let existing = try await measure(id)
        try requireResponsible(existing, identity)
        try await checkEvidence(content)
        try await checkMeeting(meetingID, plan: existing.planID)
        let actor = actor(identity)
        return try await change(id, expectedRevision: expectedRevision, by: identity, requestID: requestID, action: "measure.edit") { m in
            try m.edit(content, baseVersion: baseVersion, by: actor, note: note, meetingID: meetingID)
            return "v\(m.currentVersion)"
        }
    }

    func changeStatus(_ id: UUID, to status: MeasureStatus, note: String?, meetingID: UUID?, expectedRevision: Int?,
                      by identity: Identity, requestID: String?) async throws -> Measure {
        let existing = try await measure(id)
        try requireResponsible(existing, identity)
        try await checkMeeting(meetingID, plan: existing.planID)
        let actor = actor(identity)
        return try await change(id, expectedRevision: expectedRevision, by: identity, requestID: requestID, action: "measure.status") { m in
            let from = m.status
            try m.changeStatus(to: status, by: actor, note: note, meetingID: meetingID)
            return "\(from.rawValue)->\(status.rawValue)"
        }
    }

    func proposeAmendment(_ id: UUID, content: MeasureContent, baseVersion: Int, reason: String?, by identity: Identity, requestID: String?) async throws -> (Measure, MeasureAmendment) {
        let existing = try await measure(id)
        try await requireParticipant(existing, identity)
        try await checkEvidence(content)
        let actor = actor(identity)
        let amendmentID = UUID.timeOrdered()
        let changed = try await change(id, expectedRevision: nil, by: identity, requestID: requestID, action: "measure.amendment.propose") { m in
            _ = try m.propose(content, baseVersion: baseVersion, reason: reason, by: actor, id: amendmentID)
            return "amendment \(amendmentID.text) on v\(baseVersion)"
        }
        return (changed, changed.amendments.first { $0.id == amendmentID }!)
    }

    func decideAmendment(_ id: UUID, amendment: UUID, accept: Bool, note: String?, meetingID: UUID?, by identity: Identity, requestID: String?) async throws -> Measure {
        let existing = try await measure(id)
        try requireResponsible(existing, identity)
        try await checkMeeting(meetingID, plan: existing.planID)
        if accept, let proposed = existing.amendments.first(where: { $0.id == amendment }) { try await checkEvidence(proposed.proposed) }
        let actor = actor(identity)
        return try await change(id, expectedRevision: nil, by: identity, requestID: requestID, action: accept ? "measure.amendment.accept" : "measure.amendment.reject") { m in
            try m.decide(amendment: amendment, accept: accept, by: actor, note: note, meetingID: meetingID)
            return "amendment \(amendment.text)" + (accept ? " -> v\(m.currentVersion)" : "")
        }
    }

    func withdrawAmendment(_ id: UUID, amendment: UUID, by identity: Identity, requestID: String?) async throws -> Measure {
        let actor = actor(identity)
        return try await change(id, expectedRevision: nil, by: identity, requestID: requestID, action: "measure.amendment.withdraw") { m in
            try m.withdraw(amendment: amendment, by: actor)
            return "amendment \(amendment.text)"
        }
    }

    func setPosition(_ id: UUID, stance: MeasurePosition.Stance, reason: String?, by identity: Identity, requestID: String?) async throws -> Measure {
        try await requireParticipant(try await measure(id), identity)
        let actor = actor(identity)
        return try await change(id, expectedRevision: nil, by: identity, requestID: requestID, action: "measure.position") { m in
            try m.setPosition(stance, reason: reason, by: actor)
            return "\(stance.rawValue) on v\(m.currentVersion)"
        }
    }

    func comment(_ id: UUID, text: String, by identity: Identity, requestID: String?) async throws -> Measure {
        try await requireParticipant(try await measure(id), identity)
        let actor = actor(identity)
        return try await change(id, expectedRevision: nil, by: identity, requestID: requestID, action: "measure.comment") { m in
            let comment = try m.comment(text, by: actor)
            return "comment \(comment.id.text)"
        }
    }

    // MARK: Meetings

    /// Platform administrators, and organizations that took part, record a meeting.
    func recordMeeting(_ meeting: Meeting, by identity: Identity, requestID: String?) async throws -> Meeting {
        _ = try await plan(meeting.planID)
        guard Self.isPlatformAdmin(identity) || meeting.participantIDs.contains(identity.organization.id) else {
            throw CareBridgeError(.forbidden, title: "Not allowed", detail: "A meeting is recorded by an organization that took part in it, or a platform administrator.",
                                  reason: "not-participant")
        }
        for (i, id) in meeting.participantIDs.enumerated() {
            if try await services.organizations.find(id: id) == nil {
                throw CareBridgeError.invalid("participantIds[\(i)]", "The organization \(id.text) does not exist.")
            }
        }
        for (i, id) in meeting.measureIDs.enumerated() {
            guard let m = try await repository.measure(id), m.planID == meeting.planID else {
                throw CareBridgeError.invalid("measureIds[\(i)]", "The measure \(id.text) is not a measure of this plan.")
            }
        }
        try await services.database.write { db in
            try await repository.insert(meeting, in: db)
            try await services.audit.append([audit(identity, "meeting.record", meeting.id.text, requestID: requestID)], in: db)
        }
        return meeting
    }

    func meeting(_ id: UUID) async throws -> Meeting {
        guard let meeting = try await repository.meeting(id) else { throw CareBridgeError.notFound("The meeting") }
        return meeting
    }
}

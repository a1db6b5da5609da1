import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import SQLKit

/// Referrals between organizations (the core's state machine, stored whole): sending is gated by the person's consent
/// covering the receiver, or by the legal exceptions; each step is taken by the side it belongs to; every read and
/// write of a referral passes the access gate and is audited. The outcome note is health data: it is shown only to
/// users the policy lets read the person's health data, so enforcement users never see it.
struct ReferralService: Sendable {
    let services: AppServices
    var gate: AccessGate { services.gate }
    var people: PeopleService { PeopleService(services: services) }

    /// A referral as one user may see it.
    struct View: Sendable {
        var referral: Referral
        var version: Int64
        var side: ReferralSide
        var overdueSince: Date?
        var outcomeVisible: Bool
    }

    func send(personID: UUID, serviceID: UUID, reason: String, urgency: ReferralUrgency, languages: [String], basis: ReferralBasis,
              request: Request, context: AppRequestContext) async throws -> View {
        let identity = try context.requireIdentity()
        let target = try await people.target(personID)
        let audit = try await gate.authorizeWrite(.referralMetadata, of: target, request: request, context: context)
        guard let found = services.directory.index.service(id: serviceID), found.service.status == .active else {
            throw CareBridgeError.invalid("serviceId", "The service \(serviceID) is not an active service of the directory; it may have been removed.")
        }
        let receiver = found.entry.organization
        let now = services.now()
        switch basis {
        case .consent(let id):
            guard let consent = target.consents.first(where: { $0.id == id }) else {
                throw CareBridgeError.invalid("consentBasis.consentID", "Consent \(id) is not a consent of this person.")
            }
            let covers = [PurposeOfUse.careCoordination, .treatment].contains { purpose in
                [DataCategory.identity, .referralMetadata].allSatisfy { consent.covers(organization: receiver.id, kind: receiver.kind, purpose: purpose, category: $0, at: now) }
            }
            guard covers else {
                throw CareBridgeError(.forbidden, title: "No consent for the receiver",
                                      detail: "The person's consent \(id) does not cover sharing their identity and referral with \(receiver.name(in: "en")) for care (it may have been withdrawn or expired).",
                                      reason: "no-consent")
            }
        case .notifiableDisease:
            guard receiver.kind == .publicHealthService else {
                throw CareBridgeError.invalid("consentBasis.type", "Without consent, a notifiable disease is referred only to the public-health service.")
            }
        case .emergency(let reason):
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw CareBridgeError.invalid("consentBasis.reason", "An emergency referral without consent needs the reason.")
            }
        }
        let referral = Referral.sent(personID: personID, fromOrganizationID: identity.organization.id, fromUserID: identity.user.id,
                                     toOrganizationID: receiver.id, serviceID: serviceID, reason: reason, urgency: urgency,
                                     languagesNeeded: languages, consentBasis: basis, at: now)
        try referral.validate()
        var event = audit
        event.action = "referral.send"
        if case .emergency(let reason) = basis { (event.statedReason, event.needsReview) = (reason, true) }
        let (_, queued) = try await store(referral, expectedVersion: nil, audit: [event])
        // The equity indicators count referrals from the population snapshot.
        services.population.changed([personID])
        if queued { services.webhookSender.wake() }
        return View(referral: referral, version: 1, side: .sender, overdueSince: nil, outcomeVisible: true)
    }

    /// One referral, for a user of the sending or receiving organization.
    func read(_ id: UUID, request: Request, context: AppRequestContext) async throws -> View {
        let (stored, side, target) = try await load(id, context: context)
        try await gate.authorizeRead(.referralMetadata, of: target, request: request, context: context)
        return try await view(stored, side: side, target: target, request: request, context: context)
    }

    /// A step by the side it belongs to; the outcome note is written only by users who may write health data.
    /// With `expectedVersion` (a page's form), a referral changed since that version is refused (412) rather than
    /// stepped from whatever it became; the store's update checks the version it read either way.
    func act(_ id: UUID, expectedVersion: Int64? = nil, action: ReferralAction, request: Request, context: AppRequestContext) async throws -> View {
        let identity = try context.requireIdentity()
        let (stored, side, target) = try await load(id, context: context)
        if let expectedVersion, expectedVersion != stored.version { throw ReferralRepository.staleVersion }
        var drafts = [try await gate.authorizeWrite(.referralMetadata, of: target, request: request, context: context)]
        if case .complete(let note?) = action, !note.isEmpty { drafts.append(try await gate.authorizeWrite(.health, of: target, request: request, context: context)) }
        if case .didNotAttend(let note?) = action, !note.isEmpty { drafts.append(try await gate.authorizeWrite(.health, of: target, request: request, context: context)) }
        let next = try stored.value.applying(action, side: side, organizationID: identity.organization.id, userID: identity.user.id, at: services.now())
        drafts[0].action = "referral.\(action.kind.rawValue)"
        // Whether the answer may show the outcome note is decided now and audited with the step, in its transaction.
        var healthVisible: Bool?
        if next.outcomeNote != nil {
            let (decision, draft) = try gate.decide(.health, .read, target: target, request: request, context: context)
            (healthVisible, drafts) = (decision.isAllowed, drafts + [draft])
        }
        let (version, queued) = try await store(next, expectedVersion: stored.version, audit: drafts)
        services.population.changed([next.personID])
        if queued { services.webhookSender.wake() }
        return try await view(Versioned(next, version: version), side: side, target: target, healthVisible: healthVisible, request: request, context: context)
    }

    /// The referral, the user's side of it and the person's access facts, in one statement; not found for anyone of
    /// neither organization.
    func load(_ id: UUID, context: AppRequestContext) async throws -> (Versioned<Referral>, ReferralSide, AccessGate.Target) {
        let identity = try context.requireIdentity()
        let found = try await services.database.read(.brief) { db in try await services.referrals.findWithAccess(id: id, in: db) }
        guard let found, let side = found.referral.value.side(of: identity.organization.id) else { throw CareBridgeError.notFound("The referral") }
        guard let holder = found.recordOrganizationID else { throw CareBridgeError.notFound("The person") }
        return (found.referral, side, AccessGate.Target(personID: found.referral.value.personID, recordOrganizationID: holder, consents: found.consents))
    }

    /// Stores a referral just sent (`expectedVersion` nil) or stepped from `expectedVersion`, atomically with its audit
    /// events and with telling the other side of it: an in-app notification, and a webhook delivery queued for each of
    /// the other side's targets (sent afterwards, so a target that is down never holds a step). Returns the referral's
    /// new version and whether any delivery was queued (the sender is woken only then).
    /// On PostgreSQL all of it is first tried as one statement (`OneStatementWrite`): one round trip instead of six.
    /// If a condition of it no longer held (the referral changed, another process appended to the audit log, the
    /// targets changed), it wrote nothing and the same writes run in a transaction, which reads and checks each.
    func store(_ referral: Referral, expectedVersion: Int64?, audit drafts: [AuditDraft]) async throws -> (version: Int64, queued: Bool) {
        let notifications = ReferralNotification.forLatestStep(of: referral, at: services.now())
        let event = WebhookEvent(latestStepOf: referral)
        let told = notifications.map(\.organizationID)
        let version = (expectedVersion ?? 0) + 1
        if services.database.kind == .postgres {
            var write = OneStatementWrite()
            if let expectedVersion { try services.referrals.update(referral, expectedVersion: expectedVersion, into: &write) } else {
                try services.referrals.insert(referral, into: &write)
            }
            if services.audit.append(drafts, into: &write) != nil {
                services.notifications.insert(notifications, into: &write)
                let deliveries = try services.webhooks.enqueue(event, for: told, at: services.now(), into: &write)
                if try await services.database.autocommit(.brief, { [write] db in try await write.run(in: db) }) {
                    services.metrics.referralWrite(oneStatement: true)
                    return (version, !deliveries.isEmpty)
                }
            }
        }
        let written = try await services.database.write(.brief) { db in
            if let expectedVersion { _ = try await services.referrals.update(referral, expectedVersion: expectedVersion, in: db) } else {
                try await services.referrals.insert(referral, in: db)
            }
            _ = try await services.audit.append(drafts, in: db)
            try await services.notifications.insert(notifications, in: db)
            return (version, try await !services.webhooks.enqueue(event, for: told, at: services.now(), in: db).isEmpty)
        }
        services.metrics.referralWrite(oneStatement: false)
        return written
    }

    /// An organization's inbox or outbox, each referral's read decided and audited, overdue ones marked.
    func list(_ box: ReferralRepository.Box, overdueOnly: Bool, request: Request, context: AppRequestContext) async throws -> [View] {
        let identity = try context.requireIdentity()
        let now = services.now()
        let referrals = try await services.referrals.list(box, organizationID: identity.organization.id, limit: 200)
            .filter { !overdueOnly || ReferralDeadlines.default.overdueSince($0, now: now) != nil }
        let targets = try await people.targets(ids: referrals.map(\.personID))
        let listed = referrals.filter { targets[$0.personID] != nil }
        let shown = try await gate.permits(.referralMetadata, ofEach: listed.map { targets[$0.personID]! }, request: request, context: context)
        let visible = zip(listed, shown).filter(\.1).map(\.0)
        // The outcome notes of the list: one health decision per person who has one, audited together.
        let withNotes = visible.filter { $0.outcomeNote != nil }
        let health = Dictionary(zip(withNotes.map(\.id), try await gate.permits(.health, ofEach: withNotes.map { targets[$0.personID]! }, request: request, context: context)),
                                uniquingKeysWith: { a, _ in a })
        var views: [View] = []
        for referral in visible {
            views.append(try await view(Versioned(referral, version: 0), side: box == .inbox ? .receiver : .sender, target: targets[referral.personID]!,
                                        healthVisible: health[referral.id], request: request, context: context))
        }
        return views
    }

    /// The referral as this user may see it; `healthVisible` when the health read was already decided and audited.
    func view(_ stored: Versioned<Referral>, side: ReferralSide, target: AccessGate.Target, healthVisible: Bool? = nil,
              request: Request, context: AppRequestContext) async throws -> View {
        var referral = stored.value
        var visible = true
        if referral.outcomeNote != nil {
            if let healthVisible { visible = healthVisible } else { visible = try await gate.permits(.health, of: target, request: request, context: context) }
            if !visible { referral.outcomeNote = nil }
        }
        return View(referral: referral, version: stored.version, side: side, overdueSince: ReferralDeadlines.default.overdueSince(referral, now: services.now()),
                    outcomeVisible: visible)
    }
}

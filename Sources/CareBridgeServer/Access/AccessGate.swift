import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// The door every person-level handler goes through: it names the purpose, asks the access
/// policy, and writes the audit event, refused or allowed, before any data is answered.
struct AccessGate: Sendable {
    let services: AppServices

    /// What a handler knows about the person before touching their data.
    struct Target: Sendable {
        var personID: UUID?
        var recordOrganizationID: UUID?
        var consents: [Consent] = []
        var hasNotifiableCondition = false
    }

    /// The purpose the request acts for: `X-Purpose-Of-Use` (an HL7 code), else `otherwise`, else the role's default.
    static func purpose(of request: Request, role: Role, otherwise: PurposeOfUse? = nil) throws -> PurposeOfUse {
        guard let header = request.headers[.purposeOfUse]?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            return otherwise ?? role.defaultPurpose
        }
        guard let purpose = PurposeOfUse(rawValue: header.uppercased()) else {
            let codes = PurposeOfUse.allCases.map(\.rawValue).joined(separator: ", ")
            throw CareBridgeError(.badRequest, title: "Unknown purpose of use",
                                  detail: "X-Purpose-Of-Use '\(header)' is not one of \(codes).", field: "X-Purpose-Of-Use")
        }
        return purpose
    }

    /// Decides a read; the audit event is committed before this returns. Throws 403 with the policy's reason.
    @discardableResult
    func authorizeRead(_ category: DataCategory, of target: Target, request: Request, context: AppRequestContext) async throws -> AccessDecision {
        let (decision, draft) = try decide(category, .read, target: target, request: request, context: context)
        try await services.auditLog.record(draft)
        try Self.enforce(decision)
        return decision
    }

    /// Decides a read that may quietly be left out (a search result, an optional part of a record): audited either
    /// way, never thrown. Returns whether the data may be shown.
    func permits(_ category: DataCategory, of target: Target, request: Request, context: AppRequestContext) async throws -> Bool {
        let (decision, draft) = try decide(category, .read, target: target, request: request, context: context)
        try await services.auditLog.record(draft)
        return decision.isAllowed
    }

    /// Decides the reads a page or resource needs (`required`, in order) and, when they are allowed, the reads of
    /// `optional` categories that may quietly be left out (contact details beside identity): every decision audited in
    /// one commit, so the request waits for the log once. Throws 403 with the first refused required read's reason;
    /// returns which of `optional` may be shown.
    func authorizeReads(_ required: [DataCategory], optional: [DataCategory] = [], of target: Target, request: Request,
                        context: AppRequestContext) async throws -> Set<DataCategory> {
        var drafts: [AuditDraft] = []
        for category in required {
            let (decision, draft) = try decide(category, .read, target: target, request: request, context: context)
            drafts.append(draft)
            if !decision.isAllowed {
                try await services.auditLog.record(drafts)
                try Self.enforce(decision)
            }
        }
        var shown: Set<DataCategory> = []
        for category in optional {
            let (decision, draft) = try decide(category, .read, target: target, request: request, context: context)
            drafts.append(draft)
            if decision.isAllowed { shown.insert(category) }
        }
        try await services.auditLog.record(drafts)
        return shown
    }

    /// `permits` for each of many people (a list): every decision audited, all in one commit, in the targets' order.
    func permits(_ category: DataCategory, ofEach targets: [Target], request: Request, context: AppRequestContext) async throws -> [Bool] {
        let decided = try targets.map { try decide(category, .read, target: $0, request: request, context: context) }
        try await services.auditLog.record(decided.map(\.1))
        return decided.map(\.0.isAllowed)
    }

        /// Decides a write. When refused, the refusal is audited and 403 thrown; when allowed, returns the
    /// audit event the handler must append inside the transaction that makes the change.
    func authorizeWrite(_ category: DataCategory, of target: Target, request: Request, context: AppRequestContext) async throws -> AuditDraft {
        let (decision, draft) = try decide(category, .write, target: target, request: request, context: context)
        if !decision.isAllowed { try await services.auditLog.record(draft) }
        try Self.enforce(decision)
        return draft
    }

    /// Decides a read of published statistics (an indicator): for the purpose named, else the statistical purpose the
    /// policy reads aggregates for (so enforcement users, whose default purpose is care coordination, see aggregates
    /// as DESIGN.md says). Audited; throws 403 with the policy's reason.
    func authorizeAggregate(request: Request, context: AppRequestContext) async throws {
        let identity = try context.requireIdentity()
        let (decision, draft) = try decide(.aggregate, .read, target: Target(), request: request, context: context,
                                           otherwise: AccessPolicy.aggregatePurpose(for: identity.user.role))
        try await services.auditLog.record(draft)
        try Self.enforce(decision)
    }

    func decide(_ category: DataCategory, _ action: AccessAction, target: Target, request: Request,
                context: AppRequestContext, otherwise: PurposeOfUse? = nil) throws -> (AccessDecision, AuditDraft) {
        let identity = try context.requireIdentity()
        let purpose = try Self.purpose(of: request, role: identity.user.role, otherwise: otherwise)
        let reason = request.headers[.accessReason]
        let now = services.now()
        let decision = AccessPolicy.decide(AccessRequest(
            subject: identity.subject, purpose: purpose, category: category, action: action,
            recordOrganizationID: target.recordOrganizationID, consents: target.consents,
            hasNotifiableCondition: target.hasNotifiableCondition, accessReason: reason, now: now))
        let draft = AuditDraft(
            occurredAt: now, actorUserID: identity.user.id, actorUsername: identity.user.username,
            organizationID: identity.organization.id, organizationKind: identity.organization.kind, role: identity.user.role,
            purpose: purpose, personID: target.personID, category: category,
            action: "\(category.rawValue).\(action.rawValue)", outcome: decision.isAllowed ? .allowed : .denied,
            reason: decision.code, statedReason: reason, requestID: context.id, needsReview: decision.needsReview)
        return (decision, draft)
    }

    static func enforce(_ decision: AccessDecision) throws {
        if case .deny(let reason) = decision {
            throw CareBridgeError(.forbidden, title: "Not allowed", detail: reason.explanation, reason: reason.rawValue)
        }
    }
}

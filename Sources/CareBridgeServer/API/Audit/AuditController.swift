import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// `GET /api/v1/audit`: administrators browse and filter the audit log, newest first.
/// Platform administrators see every event; other administrators their organization's.
enum AuditController {
    struct EventBody: Encodable {
        var sequence: Int64
        var id: String
        var occurredAt: Date
        var actorUserId: String?
        var actorUsername: String
        var organizationId: String?
        var organizationKind: OrganizationKind?
        var role: Role?
        var purpose: PurposeOfUse?
        var personId: String?
        var category: DataCategory?
        var action: String
        var outcome: AuditOutcome
        var reason: String?
        var statedReason: String?
        var requestId: String?
        var needsReview: Bool
        var hash: String

        init(_ e: AuditEvent) {
            (sequence, id, occurredAt, actorUserId, actorUsername, organizationId, organizationKind, role, purpose) =
                (e.sequence, Hex.uuid(e.id), e.occurredAt, e.actorUserID.map(Hex.uuid), e.actorUsername, e.organizationID.map(Hex.uuid), e.organizationKind, e.role, e.purpose)
            (personId, category, action, outcome, reason, statedReason, requestId, needsReview, hash) =
                (e.personID.map(Hex.uuid), e.category, e.action, e.outcome, e.reason, e.statedReason, e.requestID, e.needsReview, e.hash)
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(APIRoute.audit.path)) { request, context in
            let identity = try context.requireAdmin()
            let (limit, cursorText) = try request.paging()
            var filter = try filter(from: request.uri.queryParameters)
            if identity.organization.kind != .healthMinistry { filter.organizationID = identity.organization.id }
            let cursor = try cursorText.map { text -> Int64 in
                guard let value = Int64(text) else { throw CareBridgeError.invalid("cursor", "cursor must be a value this API returned.") }
                return value
            }
            let page = try await services.audit.list(filter, limit: limit, before: cursor)
            return try JSONResponse.make(ListBody(items: page.items.map(EventBody.init), nextCursor: page.nextCursor))
        }
    }

    /// Reads `person`, `actor`, `organization`, `action`, `outcome`, `review`, `from`, `until` (ISO 8601 dates).
    static func filter(from query: Parameters) throws -> AuditFilter {
        func uuid(_ name: String) throws -> UUID? {
            guard let text = query[name[...]].map(String.init), !text.isEmpty else { return nil }
            guard let id = UUID(uuidString: text) else { throw CareBridgeError.invalid(name, "\(name) must be an id (UUID).") }
            return id
        }
        func date(_ name: String) throws -> Date? {
            guard let text = query[name[...]].map(String.init), !text.isEmpty else { return nil }
            if let d = try? Date(text, strategy: .iso8601) { return d }
            if let d = try? Date(text + "T00:00:00Z", strategy: .iso8601) { return d }
            throw CareBridgeError.invalid(name, "\(name) must be a date like 2026-11-29 or 2026-11-29T10:00:00Z.")
        }
        var filter = AuditFilter(personID: try uuid("person"), actorUserID: try uuid("actor"), organizationID: try uuid("organization"))
        if let action = query["action"].map(String.init), !action.isEmpty { filter.action = action }
        if let text = query["outcome"].map(String.init), !text.isEmpty {
            guard let outcome = AuditOutcome(rawValue: text) else {
                throw CareBridgeError.invalid("outcome", "outcome must be one of \(AuditOutcome.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            filter.outcome = outcome
        }
        if let text = query["review"], !text.isEmpty { filter.needsReview = try QueryFlag.read(text, name: "review") }
        filter.from = try date("from")
        filter.until = try date("until")
        return filter
    }
}

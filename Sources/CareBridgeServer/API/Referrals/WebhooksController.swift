import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v1/webhooks`: an organization's administrators register the endpoints told of its referrals' steps (the
/// signing secret is in the creation's answer only), remove them, read each one's delivery log and send a delivery
/// again. `/api/v1/notifications`: the in-app notifications of the user's organization, and marking them seen.
enum WebhooksController {
    struct NewTarget: Decodable {
        var url: String
        var description: String?
        var organizationId: UUID?
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let webhooks = WebhookService(services: services)
        router.get(RouterPath(APIRoute.webhooks.path)) { request, context in
            let asked = try request.uri.queryParameters["organization"].map { text in
                guard let id = UUID(uuidString: String(text)) else { throw CareBridgeError.invalid("organization", "organization must be an organization's id.") }
                return id
            }
            return try JSONResponse.make(["items": try await webhooks.targets(of: asked, context: context).map { WebhookTargetBody($0) }])
        }
        router.post(RouterPath(APIRoute.webhooks.path)) { request, context in
            let input = try await request.decodeJSON(NewTarget.self, context: context)
            let target = try await webhooks.create(url: input.url, description: input.description ?? "", organization: input.organizationId, context: context)
            return try JSONResponse.make(WebhookTargetBody(target, showingSecret: true), status: .created, location: APIRoute.webhook.link(target.id.text))
        }
        router.get(RouterPath(APIRoute.webhook.path)) { _, context in
            try JSONResponse.make(WebhookTargetBody(try await webhooks.target(try context.uuidParameter("id", what: "The webhook target"), context: context)))
        }
        router.delete(RouterPath(APIRoute.webhook.path)) { _, context in
            try await webhooks.remove(try context.uuidParameter("id", what: "The webhook target"), context: context)
            return Response(status: .noContent)
        }
        router.get(RouterPath(APIRoute.webhookDeliveries.path)) { _, context in
            let (_, deliveries) = try await webhooks.deliveries(of: try context.uuidParameter("id", what: "The webhook target"), context: context)
            return try JSONResponse.make(["items": deliveries.map(WebhookDeliveryBody.init)])
        }
        router.post(RouterPath(APIRoute.webhookResend.path)) { _, context in
            let delivery = try await webhooks.resend(try context.uuidParameter("deliveryId", what: "The delivery"),
                                                     of: try context.uuidParameter("id", what: "The webhook target"), context: context)
            return try JSONResponse.make(WebhookDeliveryBody(delivery), status: .accepted)
        }
        router.get(RouterPath(APIRoute.notifications.path)) { _, context in
            let identity = try context.requireIdentity()
            let seen = try await services.notifications.seenUntil(userID: identity.user.id)
            let items = try await services.notifications.list(organizationID: identity.organization.id, limit: 100)
            return try JSONResponse.make(NotificationList(unread: try await services.notifications.unreadCount(organizationID: identity.organization.id, userID: identity.user.id),
                                                          items: items.map { NotificationBody($0, unread: $0.createdAt > seen) }))
        }
        router.post(RouterPath(APIRoute.notificationsSeen.path)) { _, context in
            let identity = try context.requireIdentity()
            try await services.notifications.markSeen(userID: identity.user.id, until: services.now())
            return Response(status: .noContent)
        }
    }
}

struct WebhookTargetBody: Encodable {
    var id: String
    var organizationId: String
    var url: String
    var description: String
    var createdAt: Date
    var active: Bool
    var disabledAt: Date?
    /// Only in the answer to the creation: keep it, it is not shown again.
    var secret: String?

    init(_ t: WebhookTarget, showingSecret: Bool = false) {
        (id, organizationId, url, description, createdAt) = (t.id.text, t.organizationID.text, t.url, t.description, t.createdAt)
        (active, disabledAt, secret) = (t.isActive, t.disabledAt, showingSecret ? t.secret : nil)
    }
}

struct WebhookDeliveryBody: Encodable {
    struct Attempt: Encodable {
        var at: Date
        var statusCode: Int?
        var error: String?
        var durationMs: Int
    }
    var id: String
    var targetId: String
    var eventId: String
    var type: String
    var referralId: String
    var state: String
    var nextAttemptAt: Date?
    var attempts: [Attempt]

    init(_ d: WebhookDelivery) {
        (id, targetId, eventId, type, referralId) = (d.id.text, d.targetID.text, d.event.id.text, d.event.type.rawValue, d.event.referralID.text)
        (state, nextAttemptAt) = (d.state.rawValue, d.nextAttemptAt)
        attempts = d.attempts.map { Attempt(at: $0.at, statusCode: $0.statusCode, error: $0.error, durationMs: $0.durationMs) }
    }
}

struct NotificationList: Encodable {
    var unread: Int
    var items: [NotificationBody]
}

struct NotificationBody: Encodable {
    var id: String
    var type: String
    var referralId: String
    var actorOrganizationId: String
    var createdAt: Date
    var unread: Bool

    init(_ n: ReferralNotification, unread: Bool) {
        (id, type, referralId, actorOrganizationId, createdAt, self.unread) = (n.id.text, n.type.rawValue, n.referralID.text, n.actorOrganizationID.text, n.createdAt, unread)
    }
}

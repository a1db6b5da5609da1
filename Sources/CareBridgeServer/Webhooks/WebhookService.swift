import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird

/// Organizations' webhook targets, their delivery logs and "send again": for the organization's administrators (a
/// platform administrator for any organization). The API and the staff pages both go through it. Changes are audited.
struct WebhookService: Sendable {
    let services: AppServices

    /// The organization an administrator works on: their own, or for platform administrators the one asked for.
    func managed(_ asked: UUID?, context: AppRequestContext) throws -> (Identity, UUID) {
        let identity = try context.requireAdmin()
        let organization = asked ?? identity.organization.id
        try identity.mayManage(organization: organization)
        return (identity, organization)
    }

    func targets(of organization: UUID?, context: AppRequestContext) async throws -> [WebhookTarget] {
        let (_, organization) = try managed(organization, context: context)
        return try await services.webhooks.targets(organizationID: organization, includeDisabled: true)
    }

    /// Registers a target; the returned target holds the secret, shown this once.
    func create(url: String, description: String, organization asked: UUID?, context: AppRequestContext) async throws -> WebhookTarget {
        let (identity, organization) = try managed(asked, context: context)
        let target = WebhookTarget(organizationID: organization, url: url.trimmed, description: description.trimmed, createdAt: services.now())
        try target.validate()
        if !services.configuration.webhooksAllowPrivateNetworks, let host = try WebhookTarget.parseURL(target.url).host {
            let literal = NetworkAddress.parse(host)
            if host.lowercased() == "localhost" || host.lowercased().hasSuffix(".localhost") || literal.map({ NetworkAddress.scope($0) != .global }) == true {
                throw CareBridgeError.invalid("url", "Webhooks go only to public addresses; \(host) is not one.")
            }
        }
        try await services.database.write { db in
            try await services.webhooks.insert(target, createdBy: identity.user.id, in: db)
            _ = try await services.audit.append([.admin(identity, now: services.now(), action: "webhook.create", requestID: context.id, reason: target.url)], in: db)
        }
        return target
    }

    /// A target the administrator may manage.
    func target(_ id: UUID, context: AppRequestContext) async throws -> WebhookTarget {
        let identity = try context.requireAdmin()
        guard let target = try await services.webhooks.target(id: id), (try? identity.mayManage(organization: target.organizationID)) != nil else {
            throw CareBridgeError.notFound("The webhook target")
        }
        return target
    }

    func remove(_ id: UUID, context: AppRequestContext) async throws {
        let target = try await target(id, context: context)
        let identity = try context.requireAdmin()
        try await services.database.write { db in
            guard try await services.webhooks.disable(id: target.id, at: services.now(), in: db) else { return }
            _ = try await services.audit.append([.admin(identity, now: services.now(), action: "webhook.remove", requestID: context.id, reason: target.url)], in: db)
        }
    }

    func deliveries(of id: UUID, context: AppRequestContext) async throws -> (WebhookTarget, [WebhookDelivery]) {
        let target = try await target(id, context: context)
        return (target, try await services.webhooks.deliveries(targetID: target.id, limit: 200))
    }

    /// "Send again": the delivery becomes due now, with a fresh round of attempts; its history stays.
    func resend(_ deliveryID: UUID, of targetID: UUID, context: AppRequestContext) async throws -> WebhookDelivery {
        let target = try await target(targetID, context: context)
        let identity = try context.requireAdmin()
        guard let stored = try await services.webhooks.delivery(id: deliveryID), stored.value.targetID == target.id else {
            throw CareBridgeError.notFound("The delivery")
        }
        guard target.isActive else {
            throw CareBridgeError(.conflict, title: "Target removed", detail: "The target was removed; nothing more is sent to it.", reason: "target-removed")
        }
        let next = stored.value.resend(at: services.now())
        let saved = try await services.database.write { db in
            let saved = try await services.webhooks.save(next, expectedVersion: stored.version, in: db)
            if saved != nil {
                _ = try await services.audit.append([.admin(identity, now: services.now(), action: "webhook.resend", requestID: context.id, reason: next.id.text)], in: db)
            }
            return saved
        }
        guard saved != nil else {
            throw CareBridgeError(.conflict, title: "Being sent", detail: "The delivery is being sent right now; look again in a moment.", reason: "in-flight")
        }
        services.webhookSender.wake()
        return next
    }
}

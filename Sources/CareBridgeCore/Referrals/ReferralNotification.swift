import Foundation

/// An in-app notice to an organization that one of its referrals changed, made in the same transaction as the step.
/// Like webhook events it carries no person or health data; the page links to the referral, read under the policy.
public struct ReferralNotification: Codable, Sendable, Hashable {
    public var id: UUID
    /// The organization told: the other side of the referral from the one that took the step.
    public var organizationID: UUID
    public var referralID: UUID
    public var type: WebhookEventType
    /// The organization whose step it was.
    public var actorOrganizationID: UUID
    public var createdAt: Date

    public init(id: UUID? = nil, organizationID: UUID, referralID: UUID, type: WebhookEventType, actorOrganizationID: UUID, createdAt: Date) {
        (self.id, self.organizationID, self.referralID, self.type) = (id ?? .timeOrdered(at: createdAt), organizationID, referralID, type)
        (self.actorOrganizationID, self.createdAt) = (actorOrganizationID, createdAt)
    }

    /// The notices a step makes: one to each side of the referral that did not take it.
    public static func forLatestStep(of referral: Referral, at: Date) -> [ReferralNotification] {
        let event = WebhookEvent(latestStepOf: referral)
        let sides = referral.fromOrganizationID == referral.toOrganizationID ? [referral.fromOrganizationID] : [referral.fromOrganizationID, referral.toOrganizationID]
        return sides.filter { $0 != event.organizationID }.map {
            ReferralNotification(organizationID: $0, referralID: referral.id, type: event.type, actorOrganizationID: event.organizationID, createdAt: at)
        }
    }
}

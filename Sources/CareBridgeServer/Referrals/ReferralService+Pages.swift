import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird

/// What the staff pages ask of referrals beyond the API: one person's referrals, and a step on the version the user saw.
extension ReferralService {
    /// The person's referrals sent or received by the user's organization, each read decided and audited like a box.
    func list(personID: UUID, request: Request, context: AppRequestContext) async throws -> [View] {
        let identity = try context.requireIdentity()
        let target = try await people.target(personID)
        var views: [View] = []
        for referral in try await services.referrals.list(personID: personID) {
            guard let side = referral.side(of: identity.organization.id),
                  try await gate.permits(.referralMetadata, of: target, request: request, context: context) else { continue }
            views.append(try await view(Versioned(referral, version: 0), side: side, target: target, request: request, context: context))
        }
        return views
    }

    /// A step taken on the version the page showed: a form posted from a stale page is refused (412), not applied to
    /// whatever the referral became since. The read is `read` itself (gated, audited). A step landing between this check
    /// and `act`'s own read is still judged by the state machine; closing that gap needs `act` to take the version.
    func act(_ id: UUID, expectedVersion: Int64, action: ReferralAction, request: Request, context: AppRequestContext) async throws -> View {
        let current = try await read(id, request: request, context: context)
        guard current.version == expectedVersion else {
            throw CareBridgeError(.preconditionFailed, title: "Changed elsewhere",
                                  detail: "The referral was changed by someone else since you loaded it; reload and try again.", reason: "stale-version")
        }
        return try await act(id, action: action, request: request, context: context)
    }
}

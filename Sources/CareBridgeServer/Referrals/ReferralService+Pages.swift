import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird

/// What the staff pages ask of referrals beyond the API: one person's referrals.
extension ReferralService {
    /// The person's referrals sent or received by the user's organization, each read decided and audited like a box.
    func list(personID: UUID, request: Request, context: AppRequestContext) async throws -> [View] {
        let identity = try context.requireIdentity()
        let target = try await people.target(personID)
        let mine = try await services.referrals.list(personID: personID).compactMap { r in r.side(of: identity.organization.id).map { (r, $0) } }
        let shown = try await gate.permits(.referralMetadata, ofEach: mine.map { _ in target }, request: request, context: context)
        var views: [View] = []
        for ((referral, side), allowed) in zip(mine, shown) where allowed {
            views.append(try await view(Versioned(referral, version: 0), side: side, target: target, request: request, context: context))
        }
        return views
    }
}

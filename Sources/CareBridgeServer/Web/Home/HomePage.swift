import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import Plot

/// The staff home page: who you are, what your role may see (read from the access policy
/// itself), and what waits for you.
enum HomePage {
    struct Model {
        var identity: Identity
        /// Person-level categories this role may read on its own organization's records, for its usual purpose.
        var readable: [DataCategory]
        var refused: [(DataCategory, DenialReason)]
        /// Emergency accesses flagged for review (administrators).
        var pendingReviews: Int?
    }

    static func model(for identity: Identity, services: AppServices) async throws -> Model {
        var readable: [DataCategory] = []
        var refused: [(DataCategory, DenialReason)] = []
        for category in DataCategory.allCases where category.isPersonLevel {
            let decision = AccessPolicy.decide(AccessRequest(
                subject: identity.subject, purpose: identity.user.role.defaultPurpose, category: category, action: .read,
                recordOrganizationID: identity.organization.id, consents: [], hasNotifiableCondition: false, accessReason: nil, now: services.now()))
            switch decision {
            case .allow: readable.append(category)
            case .deny(let reason): refused.append((category, reason))
            }
        }
        var pending: Int?
        if identity.user.role == .admin {
            var filter = AuditFilter(needsReview: true)
            if identity.organization.kind != .healthMinistry { filter.organizationID = identity.organization.id }
            pending = try await services.audit.count(filter)
        }
        return Model(identity: identity, readable: readable, refused: refused, pendingReviews: pending)
    }

    static func view(_ model: Model, page: PageContext) -> String {
        let l = page.l
        let identity = model.identity
        return PageShell(title: l("home.title", ["name": identity.user.username]), page: page, current: SiteURL.home).render {
            Paragraph(l("home.intro", ["organization": identity.organization.name(in: l.language), "kind": l("kind.\(identity.organization.kind.rawValue)"),
                                       "role": l("role.\(identity.user.role.rawValue)"), "purpose": l("purpose.\(identity.user.role.defaultPurpose.rawValue)")]))
            H2(l("home.can-see"))
            if model.readable.isEmpty {
                Paragraph(l("home.no-person-data"))
            } else {
                List(model.readable.map { l("category.\($0.rawValue)") })
            }
            if !model.refused.isEmpty {
                H2(l("home.closed"))
                El("dl") {
                    for (category, reason) in model.refused {
                        El("dt") { Text(l("category.\(category.rawValue)")) }
                        El("dd") { Text(l("deny.\(reason.rawValue)")) }
                    }
                }
            }
            H2(l("home.waiting"))
            if let pending = model.pendingReviews, pending > 0 {
                Paragraph { Link(l.plural("home.review-emergency", count: pending), url: SiteURL.audit + "?review=true") }
            } else {
                Paragraph(l("home.nothing-waiting"))
            }
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(SiteURL.home)) { request, context in
            let identity = try context.requireIdentity()
            return HTMLResponse.page(view(try await model(for: identity, services: services), page: context.page(request)))
        }
    }
}

import CareBridgeCore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// The staff home page: who you are, and what your role may do, read from the access policy itself.
enum HomePage {
    struct Model {
        var identity: Identity
        /// Person-level data categories this role may read on its own organization's records, for its usual purpose.
        var readable: [DataCategory]
        var refused: [(DataCategory, String)]
        var waiting: [String]
    }

    static func model(for identity: Identity, now: Date) -> Model {
        var readable: [DataCategory] = []
        var refused: [(DataCategory, String)] = []
        for category in DataCategory.allCases where category.isPersonLevel {
            let decision = AccessPolicy.decide(AccessRequest(
                subject: identity.subject, purpose: identity.user.role.defaultPurpose, category: category, action: .read,
                recordOrganizationID: identity.organization.id, consents: [], hasNotifiableCondition: false, accessReason: nil, now: now))
            if decision.isAllowed { readable.append(category) } else { refused.append((category, decision.explanation)) }
        }
        var waiting: [String] = []
        if identity.user.role == .admin { waiting.append("Review emergency accesses flagged in the audit log.") }
        return Model(identity: identity, readable: readable, refused: refused, waiting: waiting)
    }

    static func view(_ model: Model, language: String) -> String {
        let identity = model.identity
        return PageShell(title: "Welcome, \(identity.user.username)", identity: identity, language: language, current: SiteURL.home).render {
            Paragraph("You work for \(identity.organization.name(in: language)) (\(identity.organization.kind.rawValue)) as \(identity.user.role.rawValue). "
                + "Your requests act for \(identity.user.role.defaultPurpose.name) unless you name another purpose.")
            H2("What your role can see about a person")
            if model.readable.isEmpty {
                Paragraph("Your role does not open person-level records. You work with aggregate figures and administration.")
            } else {
                List(model.readable.map { $0.rawValue })
            }
            if !model.refused.isEmpty {
                H2("What stays closed to you, and why")
                El("dl") {
                    for (category, reason) in model.refused {
                        El("dt") { Text(category.rawValue) }
                        El("dd") { Text(reason) }
                    }
                }
            }
            if !model.waiting.isEmpty {
                H2("Waiting for you")
                List(model.waiting)
            }
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(SiteURL.home)) { _, context in
            let identity = try context.requireIdentity()
            return HTMLResponse.page(view(model(for: identity, now: services.now()), language: context.language))
        }
        router.get(RouterPath(SiteURL.publicHome)) { _, context in
            HTMLResponse.page(PageShell(title: "CareBridge", identity: context.identity, language: context.language).render {
                Paragraph("CareBridge helps migrants reach the medical care they are entitled to, and helps health, public-health and migration services work together without exposing anyone's health data.")
                Paragraph("The public care navigator will be here. Staff can sign in to their workspace.")
                Link("Staff sign-in", url: SiteURL.login)
            })
        }
    }
}

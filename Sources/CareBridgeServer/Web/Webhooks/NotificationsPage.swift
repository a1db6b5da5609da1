import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// The signed-in user's organization's notifications of referral steps, unread ones (newer than the user's mark) set
/// apart, and a button that marks everything seen. No person or health data: each links to the referral, which is read
/// under the access policy.
enum NotificationsPage {
    static func view(_ items: [ReferralNotification], seenUntil: Date, organizations: [UUID: String], page: PageContext) -> String {
        let l = page.l
        let unread = items.filter { $0.createdAt > seenUntil }.count
        return PageShell(title: l("notifications.title"), page: page, current: SiteURL.notifications).render {
            Paragraph(l("notifications.unread", ["count": String(unread)])).class("unread-count")
            if items.isEmpty {
                Paragraph(l("notifications.none"))
            } else {
                Div { Table(
                    caption: TableCaption(l("notifications.caption")),
                    header: TableRow {
                        TableHeaderCell(l("notifications.col.event")); TableHeaderCell(l("notifications.col.from"))
                        TableHeaderCell(l("notifications.col.when")); TableHeaderCell(l("notifications.col.referral"))
                    }
                ) {
                    for n in items {
                        TableRow {
                            TableCell {
                                if n.createdAt > seenUntil { El("strong") { Text(l("notifications.new") + " ") } }
                                Text(l("event.\(n.type.rawValue)"))
                            }
                            TableCell(organizations[n.actorOrganizationID] ?? "—")
                            TableCell(l.dateTime(n.createdAt))
                            TableCell { Link(String(n.referralID.text.prefix(8)), url: SiteURL.referral(n.referralID)) }
                        }.class(n.createdAt > seenUntil ? "unread" : "")
                    }
                }.class("data") }.class("table-scroll")
                if unread > 0 {
                    Form(url: SiteURL.notifications + "/seen", method: .post) {
                        CSRFField(token: page.csrf)
                        El("button", [("type", "submit")]) { Text(l("notifications.mark-seen")) }
                    }
                }
            }
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(SiteURL.notifications)) { request, context in
            let identity = try context.requireIdentity()
            let items = try await services.notifications.list(organizationID: identity.organization.id, limit: 100)
            var names: [UUID: String] = [:]
            for id in Set(items.map(\.actorOrganizationID)) {
                names[id] = try await services.organizations.find(id: id)?.value.name(in: context.page(request).l.language)
            }
            return HTMLResponse.page(view(items, seenUntil: try await services.notifications.seenUntil(userID: identity.user.id), organizations: names,
                                          page: context.page(request)))
        }
        router.post(RouterPath(SiteURL.notifications + "/seen")) { _, context in
            let identity = try context.requireIdentity()
            try await services.notifications.markSeen(userID: identity.user.id, until: services.now())
            return HTMLResponse.redirect(SiteURL.notifications)
        }
    }
}

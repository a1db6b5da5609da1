import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import Plot

/// `/app/referrals?box=inbox|outbox|overdue`: the organization's received and sent referrals, and the overdue ones of
/// both, with counts on the tabs. Read through ReferralService, so each row passed the access gate.
enum ReferralsPage {
    enum Box: String, CaseIterable { case inbox, outbox, overdue }

    struct Model {
        var box: Box
        var counts: [Box: Int]
        var rows: [ReferralService.View]
        var labels: ReferralLabels
    }

    static func load(_ box: Box, request: Request, context: AppRequestContext, services: AppServices) async throws -> Model {
        let referrals = ReferralService(services: services)
        let inbox = try await referrals.list(.inbox, overdueOnly: false, request: request, context: context)
        let outbox = try await referrals.list(.outbox, overdueOnly: false, request: request, context: context)
        let overdue = (inbox + outbox).filter { $0.overdueSince != nil }.sorted { $0.overdueSince! < $1.overdueSince! }
        let rows = switch box {
        case .inbox: inbox
        case .outbox: outbox
        case .overdue: overdue
        }
        let labels = try await ReferralLabels.load(rows.map(\.referral), language: context.language, request: request, context: context, services: services)
        return Model(box: box, counts: [.inbox: inbox.count, .outbox: outbox.count, .overdue: overdue.count], rows: rows, labels: labels)
    }

    static func view(_ m: Model, page: PageContext, dates: ReferralDates) -> String {
        let l = page.l
        return PageShell(title: l("referrals.title"), page: page, current: SiteURL.referrals).render {
            El("nav", [("class", "tabs"), ("aria-label", l("referrals.boxes"))]) {
                El("ul") {
                    for box in Box.allCases {
                        El("li") {
                            El("a", [("href", SiteURL.referrals(box: box.rawValue)), ("aria-current", box == m.box ? "page" : nil)]) {
                                Text(l("referrals.box.\(box.rawValue)", ["count": l.number(m.counts[box] ?? 0)]))
                            }
                        }
                    }
                }
            }
            if m.rows.isEmpty {
                Paragraph(l("referrals.empty"))
            } else {
                Div { Table(
                    caption: TableCaption(l("referrals.box.\(m.box.rawValue)", ["count": l.number(m.rows.count)])),
                    header: TableRow {
                        TableHeaderCell(l("referrals.col.person")); TableHeaderCell(l("referrals.col.service")); TableHeaderCell(l("referrals.col.other"))
                        TableHeaderCell(l("referrals.col.urgency")); TableHeaderCell(l("referrals.col.state")); TableHeaderCell(l("referrals.col.changed"))
                        TableHeaderCell(l("referrals.col.overdue"))
                    }
                ) {
                    for row in m.rows {
                        let r = row.referral
                        TableRow {
                            TableCell { Link(m.labels.person(r.personID, l), url: SiteURL.person(r.personID)) }
                            TableCell { Link(m.labels.service(r.serviceID, l), url: SiteURL.referral(r.id)) }
                            TableCell(m.labels.organization(row.side == .sender ? r.toOrganizationID : r.fromOrganizationID))
                            TableCell(l("referral.urgency.\(r.urgency.rawValue)"))
                            TableCell(l("referral.state.\(r.state.rawValue)"))
                            TableCell(dates.text(r.updatedAt))
                            TableCell(row.overdueSince.map { l("referrals.overdue-since", ["date": dates.text($0)]) } ?? "")
                        }.class(row.overdueSince == nil ? "" : "overdue")
                    }
                }.class("data") }.class("table-scroll")
            }
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(SiteURL.referrals)) { request, context in
            let text = request.uri.queryParameters["box"].map(String.init) ?? "inbox"
            guard let box = Box(rawValue: text) else { throw CareBridgeError.invalid("box", "box must be inbox, outbox or overdue.") }
            let model = try await load(box, request: request, context: context, services: services)
            let page = context.page(request)
            return HTMLResponse.page(view(model, page: page, dates: ReferralDates(zone: services.configuration.zone, locale: page.l.locale)))
        }
    }
}

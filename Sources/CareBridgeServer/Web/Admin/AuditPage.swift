import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// Administrators browse and filter the audit log, newest first.
enum AuditPage {
    static func view(_ events: Page<AuditEvent>, query: [String: String], page: PageContext) -> String {
        let l = page.l
        return PageShell(title: l("audit.title"), page: page, current: SiteURL.audit).render {
            Form(url: SiteURL.audit, method: .get) {
                Field(label: l("audit.field.person"), name: "person", value: query["person"])
                Field(label: l("audit.field.action"), name: "action", value: query["action"], hint: l("audit.field.action-hint"))
                SelectField(label: l("audit.field.outcome"), name: "outcome",
                            options: [("", l("common.any"))] + AuditOutcome.allCases.map { ($0.rawValue, l("outcome.\($0.rawValue)")) }, selected: query["outcome"])
                SelectField(label: l("audit.field.review"), name: "review", options: [("", l("common.any")), ("true", l("audit.only-flagged"))], selected: query["review"])
                Field(label: l("audit.field.from"), name: "from", type: "date", value: query["from"])
                Field(label: l("audit.field.until"), name: "until", type: "date", value: query["until"])
                El("button", [("type", "submit")]) { Text(l("audit.filter")) }
            }.class("card filters")
            Paragraph(l.plural("audit.shown", count: events.items.count)).class("hint")
            Div { Table(
                caption: TableCaption(l("audit.caption")),
                header: TableRow {
                    TableHeaderCell(l("audit.col.seq")); TableHeaderCell(l("audit.col.time")); TableHeaderCell(l("audit.col.who")); TableHeaderCell(l("audit.col.purpose"))
                    TableHeaderCell(l("audit.col.action")); TableHeaderCell(l("audit.col.person")); TableHeaderCell(l("audit.col.outcome")); TableHeaderCell(l("audit.col.reason"))
                }
            ) {
                for e in events.items {
                    TableRow {
                        TableCell(l.number(Int(e.sequence))); TableCell(l.dateTime(e.occurredAt))
                        TableCell("\(e.actorUsername)\(e.role.map { " (\(l("role.\($0.rawValue)")))" } ?? "")")
                        TableCell(e.purpose.map { l("purpose.\($0.rawValue)") } ?? "—"); TableCell(e.action)
                        TableCell(e.personID.map { String($0.uuidString.lowercased().prefix(8)) } ?? "—")
                        TableCell(l("outcome.\(e.outcome.rawValue)") + (e.needsReview ? " · " + l("audit.review") : ""))
                        TableCell([e.reason, e.statedReason].compactMap { $0 }.joined(separator: " — "))
                    }
                }
            }.class("data") }.class("table-scroll")
            if let next = events.nextCursor {
                Link(l("audit.older"), url: SiteURL.audit + "?" + (query.merging(["cursor": next]) { $1 })
                    .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.sorted().joined(separator: "&"))
            }
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(SiteURL.audit)) { request, context in
            let identity = try context.requireAdmin()
            var filter = try AuditController.filter(from: request.uri.queryParameters)
            if identity.organization.kind != .healthMinistry { filter.organizationID = identity.organization.id }
            let cursor = request.uri.queryParameters["cursor"].flatMap { Int64(String($0)) }
            let events = try await services.audit.list(filter, limit: 100, before: cursor)
            var query: [String: String] = [:]
            for key in ["person", "action", "outcome", "review", "from", "until"] {
                if let v = request.uri.queryParameters[key[...]].map(String.init), !v.isEmpty { query[key] = v }
            }
            return HTMLResponse.page(view(events, query: query, page: context.page(request)))
        }
    }
}

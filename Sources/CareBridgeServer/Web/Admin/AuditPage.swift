import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// Administrators browse and filter the audit log, newest first.
enum AuditPage {
    static func view(_ page: Page<AuditEvent>, query: [String: String], identity: Identity, language: String) -> String {
        PageShell(title: "Audit log", identity: identity, language: language, current: SiteURL.audit).render {
            Form(url: SiteURL.audit, method: .get) {
                Field(label: "Person id", name: "person", value: query["person"])
                Field(label: "Action", name: "action", value: query["action"], hint: "For example health.read, auth.login, user.create.")
                SelectField(label: "Outcome", name: "outcome", options: [("", "any")] + AuditOutcome.allCases.map { ($0.rawValue, $0.rawValue) }, selected: query["outcome"])
                SelectField(label: "Needs review", name: "review", options: [("", "any"), ("true", "only flagged")], selected: query["review"])
                Field(label: "From (date)", name: "from", type: "date", value: query["from"])
                Field(label: "Until (date)", name: "until", type: "date", value: query["until"])
                El("button", [("type", "submit")]) { Text("Filter") }
            }.class("card filters")
            Table(
                caption: TableCaption("Events, newest first"),
                header: TableRow {
                    TableHeaderCell("#"); TableHeaderCell("Time (UTC)"); TableHeaderCell("Who"); TableHeaderCell("Purpose")
                    TableHeaderCell("Action"); TableHeaderCell("Person"); TableHeaderCell("Outcome"); TableHeaderCell("Reason")
                }
            ) {
                for e in page.items {
                    TableRow {
                        TableCell(String(e.sequence)); TableCell(e.occurredAt.formatted(.iso8601))
                        TableCell("\(e.actorUsername)\(e.role.map { " (\($0.rawValue))" } ?? "")")
                        TableCell(e.purpose?.name ?? "—"); TableCell(e.action)
                        TableCell(e.personID.map { String($0.uuidString.lowercased().prefix(8)) } ?? "—")
                        TableCell(e.outcome.rawValue + (e.needsReview ? " · review" : ""))
                        TableCell([e.reason, e.statedReason].compactMap { $0 }.joined(separator: " — "))
                    }
                }
            }.class("data")
            if let next = page.nextCursor {
                Link("Older events", url: SiteURL.audit + "?" + (query.merging(["cursor": next]) { $1 }).map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.sorted().joined(separator: "&"))
            }
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(SiteURL.audit)) { request, context in
            let identity = try context.requireAdmin()
            var filter = try AuditController.filter(from: request.uri.queryParameters)
            if identity.organization.kind != .healthMinistry { filter.organizationID = identity.organization.id }
            let cursor = request.uri.queryParameters["cursor"].flatMap { Int64(String($0)) }
            let page = try await services.audit.list(filter, limit: 100, before: cursor)
            var query: [String: String] = [:]
            for key in ["person", "action", "outcome", "review", "from", "until"] {
                if let v = request.uri.queryParameters[key[...]].map(String.init), !v.isEmpty { query[key] = v }
            }
            return HTMLResponse.page(view(page, query: query, identity: identity, language: context.language))
        }
    }
}

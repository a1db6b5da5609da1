import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// An organization's administrators register the endpoints told of its referrals' steps, see each delivery with every
/// attempt, and send one again. All through WebhookService, as the API does.
enum WebhooksPage {
    static func listView(_ targets: [WebhookTarget], page: PageContext, notice: Notice?, secret: (url: String, secret: String)? = nil,
                         draft: [String: String] = [:]) -> String {
        let l = page.l
        return PageShell(title: l("webhooks.title"), page: page, current: SiteURL.webhooks, notice: notice).render {
            Paragraph(l("webhooks.intro"))
            if let secret {
                Div {
                    Paragraph(l("webhooks.secret-once", ["url": secret.url]))
                    El("code", [("class", "secret")]) { Text(secret.secret) }
                }.class("card")
            }
            if targets.isEmpty {
                Paragraph(l("webhooks.none"))
            } else {
                Div { Table(
                    caption: TableCaption(l("webhooks.caption")),
                    header: TableRow {
                        TableHeaderCell(l("webhooks.col.url")); TableHeaderCell(l("webhooks.col.description"))
                        TableHeaderCell(l("webhooks.col.state")); TableHeaderCell(l("webhooks.col.created")); TableHeaderCell(l("webhooks.col.actions"))
                    }
                ) {
                    for t in targets {
                        TableRow {
                            TableCell { Link(t.url, url: SiteURL.webhook(t.id)) }
                            TableCell(t.description.isEmpty ? "—" : t.description)
                            TableCell(l(t.isActive ? "webhooks.state.active" : "webhooks.state.removed"))
                            TableCell(l.dateTime(t.createdAt))
                            TableCell {
                                Link(l("webhooks.deliveries"), url: SiteURL.webhook(t.id))
                                if t.isActive {
                                    Form(url: SiteURL.webhook(t.id) + "/remove", method: .post) {
                                        CSRFField(token: page.csrf)
                                        El("button", [("type", "submit"), ("class", "secondary")]) { Text(l("webhooks.remove")) }
                                    }.class("inline")
                                }
                            }
                        }
                    }
                }.class("data") }.class("table-scroll")
            }
            H2(l("webhooks.add"))
            Form(url: SiteURL.webhooks, method: .post) {
                CSRFField(token: page.csrf)
                Field(label: l("webhooks.field.url"), name: "url", type: "url", value: draft["url"], required: true, hint: l("webhooks.field.url-hint"))
                Field(label: l("webhooks.field.description"), name: "description", value: draft["description"])
                El("button", [("type", "submit")]) { Text(l("webhooks.add-submit")) }
            }.class("card")
            H2(l("webhooks.checking"))
            Paragraph(l("webhooks.checking-text"))
        }
    }

    static func deliveriesView(_ target: WebhookTarget, _ deliveries: [WebhookDelivery], page: PageContext, notice: Notice?) -> String {
        let l = page.l
        return PageShell(title: l("webhooks.deliveries-title", ["url": target.url]), page: page, current: SiteURL.webhooks, notice: notice).render {
            Paragraph(l(target.isActive ? "webhooks.state.active" : "webhooks.state.removed") + (target.description.isEmpty ? "" : " · " + target.description))
            if deliveries.isEmpty {
                Paragraph(l("webhooks.no-deliveries"))
            } else {
                Div { Table(
                    caption: TableCaption(l("webhooks.deliveries-caption")),
                    header: TableRow {
                        TableHeaderCell(l("webhooks.col.event")); TableHeaderCell(l("webhooks.col.referral")); TableHeaderCell(l("webhooks.col.delivery"))
                        TableHeaderCell(l("webhooks.col.attempts")); TableHeaderCell(l("webhooks.col.last")); TableHeaderCell(l("webhooks.col.next"))
                        TableHeaderCell(l("webhooks.col.actions"))
                    }
                ) {
                    for d in deliveries {
                        TableRow {
                            TableCell(l("event.\(d.event.type.rawValue)") + " · " + l.dateTime(d.event.occurredAt))
                            TableCell { Link(String(d.event.referralID.text.prefix(8)), url: SiteURL.referral(d.event.referralID)) }
                            TableCell(l("webhooks.delivery.\(d.state.rawValue)")).class("delivery-\(d.state.rawValue)")
                            TableCell(String(d.attempts.count))
                            TableCell(d.attempts.last.map { attempt in
                                [l.dateTime(attempt.at), attempt.statusCode.map { "HTTP \($0)" }, attempt.error].compactMap { $0 }.joined(separator: " · ")
                            } ?? "—")
                            TableCell(d.nextAttemptAt.map { l.dateTime($0) } ?? "—")
                            TableCell {
                                if target.isActive && d.state != .pending {
                                    Form(url: SiteURL.webhook(target.id) + "/deliveries/\(d.id.text)/resend", method: .post) {
                                        CSRFField(token: page.csrf)
                                        El("button", [("type", "submit")]) { Text(l("webhooks.send-again")) }
                                    }.class("inline")
                                }
                            }
                        }
                    }
                }.class("data") }.class("table-scroll")
            }
            Link(l("webhooks.all"), url: SiteURL.webhooks)
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let webhooks = WebhookService(services: services)
        router.get(RouterPath(SiteURL.webhooks)) { request, context in
            HTMLResponse.page(listView(try await webhooks.targets(of: nil, context: context), page: context.page(request), notice: nil))
        }
        router.post(RouterPath(SiteURL.webhooks)) { request, context in
            let form = try await request.formFields(context: context)
            let page = context.page(request)
            do {
                let target = try await webhooks.create(url: form["url"] ?? "", description: form["description"] ?? "", organization: nil, context: context)
                return HTMLResponse.page(listView(try await webhooks.targets(of: nil, context: context), page: page,
                                                  notice: Notice(kind: .success, text: page.l("webhooks.added")), secret: (target.url, target.secret)))
            } catch let error as CareBridgeError where error.kind == .validation {
                return HTMLResponse.page(listView(try await webhooks.targets(of: nil, context: context), page: page, notice: Notice(kind: .error, text: error.detail),
                                                  draft: form.values), status: Problem.status(for: error.kind))
            }
        }
        router.post("/app/webhooks/:id/remove") { _, context in
            let id = try context.uuidParameter("id", what: "The webhook target")
            try await webhooks.remove(id, context: context)
            return HTMLResponse.redirect(SiteURL.webhooks)
        }
        router.get("/app/webhooks/:id") { request, context in
            let (target, deliveries) = try await webhooks.deliveries(of: try context.uuidParameter("id", what: "The webhook target"), context: context)
            return HTMLResponse.page(deliveriesView(target, deliveries, page: context.page(request), notice: nil))
        }
        router.post("/app/webhooks/:id/deliveries/:deliveryId/resend") { request, context in
            let id = try context.uuidParameter("id", what: "The webhook target")
            let page = context.page(request)
            var notice = Notice(kind: .success, text: page.l("webhooks.sent-again"))
            var status = HTTPResponse.Status.ok
            do {
                _ = try await webhooks.resend(try context.uuidParameter("deliveryId", what: "The delivery"), of: id, context: context)
            } catch let error as CareBridgeError where error.kind == .conflict {
                (notice, status) = (Notice(kind: .error, text: error.detail), .conflict)
            }
            let (target, deliveries) = try await webhooks.deliveries(of: id, context: context)
            return HTMLResponse.page(deliveriesView(target, deliveries, page: page, notice: notice), status: status)
        }
    }
}

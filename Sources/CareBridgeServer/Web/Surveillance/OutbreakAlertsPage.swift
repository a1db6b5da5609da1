import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// `/app/outbreak-alerts`: signals of live outbreak detection, open or closed; `/app/outbreak-alerts/{id}` reviews
/// one (the weekly series with its threshold, the cases behind it the user may see) and closes it with an outcome.
enum OutbreakAlertsPage {
    static let path = "/app/outbreak-alerts"
    static func review(_ id: UUID) -> String { "\(path)/\(Hex.uuid(id))" }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let alerts = OutbreakAlertService(services: services)
        router.get(RouterPath(path)) { request, context in
            _ = try context.requireIdentity()
            let closed = request.uri.queryParameters["status"] == "closed"
            let found = try await alerts.list(open: !closed, request: request, context: context)
            return HTMLResponse.page(listView(found, closed: closed, page: context.page(request), services: services, notice: nil))
        }
        router.post(RouterPath(path + "/detect")) { request, context in
            _ = try await request.formFields(context: context)
            let raised = try await alerts.detectNow(request: request, context: context)
            let page = context.page(request)
            let found = try await alerts.list(open: true, request: request, context: context)
            return HTMLResponse.page(listView(found, closed: false, page: page, services: services,
                                              notice: Notice(kind: .success, text: page.l.plural("outbreak.ran", count: raised.count))))
        }
        router.get(RouterPath(path + "/:id")) { request, context in
            let review = try await alerts.review(try context.uuidParameter("id", what: "The alert"), request: request, context: context)
            return HTMLResponse.page(reviewView(review, page: context.page(request), services: services, mayClose: (try? alerts.reviewer(context)) != nil, notice: nil))
        }
        router.post(RouterPath(path + "/:id/close")) { request, context in
            let id = try context.uuidParameter("id", what: "The alert")
            let form = try await request.formFields(context: context)
            do {
                guard let outcome = form["outcome"].flatMap(OutbreakAlert.Outcome.init(rawValue:)) else {
                    throw CareBridgeError.invalid("outcome", context.page(request).l("outbreak.close.choose"))
                }
                _ = try await alerts.close(id, outcome: outcome, note: form["note"], expectedVersion: Int(form["version"] ?? ""), request: request, context: context)
                return HTMLResponse.redirect(review(id))
            } catch let error as CareBridgeError where [.validation, .conflict, .preconditionFailed].contains(error.kind) {
                let found = try await alerts.review(id, request: request, context: context)
                return HTMLResponse.page(reviewView(found, page: context.page(request), services: services, mayClose: true,
                                                    notice: Notice(kind: .error, text: error.detail)), status: Problem.status(for: error.kind))
            }
        }
    }

    static func area(_ region: String?, _ l: Localizer, _ services: AppServices) -> String {
        region.map { services.countries.regions[$0]?.name(language: l.language) ?? $0 } ?? l("outbreak.country")
    }

    static func number(_ x: Double?) -> String { x.map { String(format: "%.1f", $0) } ?? "—" }

    static func listView(_ alerts: [OutbreakAlert], closed: Bool, page: PageContext, services: AppServices, notice: Notice?) -> String {
        let l = page.l
        let text = HealthText(l: l, countries: services.countries, codes: services.health.codes)
        let mayRun = page.identity.map { [.publicHealthService, .healthMinistry].contains($0.organization.kind) && [.publicHealthOfficer, .admin].contains($0.user.role) } ?? false
        return PageShell(title: l("outbreak.title"), page: page, current: path, notice: notice).render {
            Paragraph(l("outbreak.intro")).class("lead")
            Paragraph { Link(l(closed ? "outbreak.show-open" : "outbreak.show-closed"), url: closed ? path : path + "?status=closed") }
            if mayRun {
                Form(url: path + "/detect", method: .post) {
                    CSRFField(token: page.csrf)
                    El("button", [("type", "submit")]) { Text(l("outbreak.run")) }
                }.class("inline")
            }
            if alerts.isEmpty {
                Paragraph(l(closed ? "outbreak.none-closed" : "outbreak.none"))
            } else {
                ScrollRegion(label: l.plural("outbreak.count", count: alerts.count)) {
                    Table(caption: TableCaption(l.plural("outbreak.count", count: alerts.count)), header: TableRow {
                        TableHeaderCell(l("outbreak.col.week")); TableHeaderCell(l("outbreak.col.disease")); TableHeaderCell(l("outbreak.col.area"))
                        TableHeaderCell(l("outbreak.col.observed")); TableHeaderCell(l("outbreak.col.threshold")); TableHeaderCell(l("outbreak.col.state"))
                    }) {
                        for alert in alerts {
                            TableRow {
                                TableCell { Link(alert.week, url: review(alert.id)) }
                                TableCell { Link(text.disease(alert.disease), url: review(alert.id)) }
                                TableCell(area(alert.region, l, services))
                                TableCell(String(alert.observed)).class("number")
                                TableCell(number(alert.upperbound)).class("number")
                                TableCell(alert.outcome.map { l("outbreak.state.closed", ["outcome": l("outbreak.outcome.\($0.rawValue)")]) } ?? l("outbreak.state.open"))
                            }
                        }
                    }.class("data outbreak-alerts")
                }
            }
        }
    }

    static func reviewView(_ r: OutbreakAlertService.Review, page: PageContext, services: AppServices, mayClose: Bool, notice: Notice?) -> String {
        let l = page.l
        let text = HealthText(l: l, countries: services.countries, codes: services.health.codes)
        let alert = r.alert
        let title = l("outbreak.review.title", ["disease": text.disease(alert.disease), "area": area(alert.region, l, services), "week": alert.week])
        return PageShell(title: title, page: page, current: path, notice: notice).render {
            Paragraph(l("outbreak.review.summary", ["observed": String(alert.observed), "week": alert.week, "threshold": number(alert.upperbound)])).class("lead")
            if let expected = alert.expected { Paragraph(l("outbreak.review.expected", ["expected": number(expected)])) }
            Paragraph(l("outbreak.method.\(alert.method)"))
            H2(l("outbreak.series.title"))
            if !r.weeks.isEmpty {
                TimeSeriesChart(id: "alert-series", periods: r.weeks.map(\.description), observed: r.observed, upperBound: r.rows.map { $0?.upperbound },
                                expected: r.rows.map { $0?.expected }, alarms: r.rows.map { $0?.alarm == true },
                                labels: .init(title: l("outbreak.series.title"), summary: l("outbreak.series.caption"), periodAxis: l("outbreak.col.week"),
                                              countAxis: l("outbreak.col.observed"), observed: l("surveillance.series.observed"), threshold: l("outbreak.col.threshold"),
                                              expected: l("surveillance.series.expected"), alarm: l("outbreak.series.above"),
                                              notAvailable: l("outbreak.series.no-threshold"), noAlarm: "", tableSummary: l("surveillance.data-table")),
                                locale: l.locale, style: .bars)
            }
            ScrollRegion(label: l("outbreak.series.title")) {
                Table(caption: TableCaption(l("outbreak.series.caption")), header: TableRow {
                    TableHeaderCell(l("outbreak.col.week")); TableHeaderCell(l("outbreak.col.observed"))
                    TableHeaderCell(l("outbreak.col.threshold")); TableHeaderCell(l("outbreak.series.alarm"))
                }) {
                    for i in r.weeks.indices.reversed() {
                        TableRow {
                            TableCell(r.weeks[i].description)
                            TableCell(String(r.observed[i])).class("number")
                            TableCell(r.rows[i]?.upperbound.map { number($0) } ?? l("outbreak.series.no-threshold")).class("number")
                            TableCell(r.rows[i]?.alarm == true ? l("outbreak.series.above") : "")
                        }
                    }
                }.class("data outbreak-series")
            }
            H2(l("outbreak.cases.title"))
            if r.cases.isEmpty {
                Paragraph(l("outbreak.cases.none"))
            } else {
                List(r.cases) { record in
                    ListItem {
                        Link("\(record.date) · \(record.notification.map { text.classification($0.classification) } ?? "")", url: SiteURL.healthCase(record.id))
                    }
                }.class("outbreak-cases")
            }
            if r.hiddenCases > 0 { Paragraph(l.plural("outbreak.cases.hidden", count: r.hiddenCases)).class("hint") }
            if let outcome = alert.outcome, let closedAt = alert.closedAt {
                Paragraph(l("outbreak.closed-on", ["date": CalendarDay(closedAt).description, "outcome": l("outbreak.outcome.\(outcome.rawValue)")]))
                if let note = alert.note { Paragraph(note).class("note") }
            } else if mayClose {
                H2(l("outbreak.close.title"))
                Form(url: review(alert.id) + "/close", method: .post) {
                    CSRFField(token: page.csrf)
                    El("input", [("type", "hidden"), ("name", "version"), ("value", String(alert.version))])
                    SelectField(label: l("outbreak.close.outcome"), name: "outcome",
                                options: [("", l("outbreak.close.choose"))] + OutbreakAlert.Outcome.allCases.map { ($0.rawValue, l("outbreak.outcome.\($0.rawValue)")) })
                    Div {
                        El("label", [("for", "f-note")]) { Text(l("outbreak.close.note")) }
                        El("textarea", [("id", "f-note"), ("name", "note"), ("rows", "3"), ("maxlength", "2000")]) { Text("") }
                    }.class("field")
                    El("button", [("type", "submit")]) { Text(l("outbreak.close.submit")) }
                }.class("close-alert")
            }
        }
    }
}

import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// `/app/cases`: the notified cases the user may see (a clinician their facility's, the public-health service every
/// one, by the legal-notification rule), filtered by disease and classification; each decision audited.
enum CasesPage {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let health = HealthService(services: services)
        router.get(RouterPath(SiteURL.cases)) { request, context in
            try PersonHealth.requireHealthRole(context, services: services)
            let q = request.formQuery
            // An empty choice in the filter form means "any".
            let disease = try q["disease"].flatMap { $0.isEmpty ? nil : try HealthRecordInput.enumValue(Disease.self, $0, field: "disease") }
            let classification = try q["classification"].flatMap { $0.isEmpty ? nil : try HealthRecordInput.enumValue(CaseClassification.self, $0, field: "classification") }
            let cases = try await health.cases(disease: disease, classification: classification, request: request, context: context)
            let labels = try await HealthPeopleLabels.load(cases.map(\.personID), request: request, context: context, services: services)
            let page = context.page(request)
            let text = HealthText(l: page.l, countries: services.countries, codes: services.health.codes)
            return HTMLResponse.page(view(cases, labels: labels, disease: disease, classification: classification, page: page, text: text))
        }
    }

    static func view(_ cases: [HealthRecord], labels: HealthPeopleLabels, disease: Disease?, classification: CaseClassification?,
                     page: PageContext, text: HealthText) -> String {
        let l = page.l
        return PageShell(title: l("cases.title"), page: page, current: SiteURL.cases).render {
            Paragraph(l("cases.intro")).class("lead")
            Form(url: SiteURL.cases, method: .get) {
                SelectField(label: l("health.field.disease"), name: "disease", options: [("", l("common.any"))] + Disease.allCases.map { ($0.rawValue, text.disease($0)) },
                            selected: disease?.rawValue ?? "")
                SelectField(label: l("health.field.classification"), name: "classification",
                            options: [("", l("common.any"))] + CaseClassification.allCases.map { ($0.rawValue, text.classification($0)) },
                            selected: classification?.rawValue ?? "")
                El("button", [("type", "submit")]) { Text(l("cases.filter")) }
            }.class("filters")
            if cases.isEmpty {
                Paragraph(l("cases.none"))
            } else {
                ScrollRegion(label: l.plural("cases.count", count: cases.count)) { Table(caption: TableCaption(l.plural("cases.count", count: cases.count)),
                            header: TableRow {
                                TableHeaderCell(l("case.notified")); TableHeaderCell(l("case.person")); TableHeaderCell(l("case.disease"))
                                TableHeaderCell(l("case.classification")); TableHeaderCell(l("case.diagnosed")); TableHeaderCell(l("case.region"))
                            }) {
                    for record in cases {
                        if let report = record.notification {
                            TableRow {
                                TableCell { Link(record.date.description, url: SiteURL.healthCase(record.id)) }
                                TableCell { Link(labels.name(record.personID, l), url: SiteURL.person(record.personID)) }
                                TableCell { Link(text.disease(report.disease), url: SiteURL.healthCase(record.id)) }
                                TableCell(text.classification(report.classification))
                                TableCell(report.diagnosedOn.description)
                                TableCell(text.region(report.region))
                            }
                        }
                    }
                }.class("data cases") }
            }
        }
    }
}

/// `/app/alerts`: the organization's continuity-of-care alerts (open ones, or all), each with a button to acknowledge it.
enum AlertsPage {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let health = HealthService(services: services)
        router.get(RouterPath(SiteURL.alerts)) { request, context in
            try PersonHealth.requireHealthRole(context, services: services)
            let all = request.uri.queryParameters["all"] == "true"
            let alerts = try await health.alerts(all: all, request: request, context: context)
            let labels = try await HealthPeopleLabels.load(alerts.map(\.personID), request: request, context: context, services: services)
            let page = context.page(request)
            let text = HealthText(l: page.l, countries: services.countries, codes: services.health.codes)
            return HTMLResponse.page(view(alerts, all: all, labels: labels, page: page, text: text))
        }
        router.post("/app/alerts/:id/acknowledge") { request, context in
            _ = try context.requireIdentity()
            let id = try context.uuidParameter("id", what: "The alert")
            try await health.acknowledge(id, request: request, context: context)
            return HTMLResponse.redirect(SiteURL.alerts)
        }
    }

    static func view(_ alerts: [HealthRecord], all: Bool, labels: HealthPeopleLabels, page: PageContext, text: HealthText) -> String {
        let l = page.l
        return PageShell(title: l("alerts.title"), page: page, current: SiteURL.alerts).render {
            Paragraph(l("alerts.intro")).class("lead")
            Paragraph { Link(l(all ? "alerts.show-open" : "alerts.show-all"), url: all ? SiteURL.alerts : SiteURL.alerts + "?all=true") }
            if alerts.isEmpty {
                Paragraph(l(all ? "alerts.none-all" : "alerts.none"))
            } else {
                ScrollRegion(label: l.plural("alerts.count", count: alerts.count)) { Table(caption: TableCaption(l.plural("alerts.count", count: alerts.count)),
                            header: TableRow {
                                TableHeaderCell(l("alerts.col.raised")); TableHeaderCell(l("case.person")); TableHeaderCell(l("health.col.disease"))
                                TableHeaderCell(l("alerts.col.trigger")); TableHeaderCell(l("alerts.col.detail")); TableHeaderCell(l("alerts.col.state"))
                            }) {
                    for record in alerts {
                        if let alert = record.alert {
                            TableRow {
                                TableCell(record.date.description)
                                TableCell { Link(labels.name(record.personID, l), url: SiteURL.person(record.personID)) }
                                TableCell(text.disease(alert.disease))
                                TableCell(text.trigger(alert.trigger))
                                TableCell { El("span", [("lang", "en")]) { Text(alert.detail) } }
                                TableCell {
                                    if let on = alert.acknowledgedOn {
                                        Text(l("alerts.acknowledged-on", ["date": on.description]))
                                    } else {
                                        Form(url: "/app/alerts/\(Hex.uuid(record.id))/acknowledge", method: .post) {
                                            CSRFField(token: page.csrf)
                                            El("button", [("type", "submit")]) {
                                                Text(l("alerts.acknowledge"))
                                                El("span", [("class", "visually-hidden")]) {
                                                    Text(" " + l("alerts.acknowledge-for", ["person": labels.name(record.personID, l), "disease": text.disease(alert.disease)]))
                                                }
                                            }
                                        }.class("acknowledge")
                                    }
                                }
                            }
                        }
                    }
                }.class("data alerts") }
            }
        }
    }
}

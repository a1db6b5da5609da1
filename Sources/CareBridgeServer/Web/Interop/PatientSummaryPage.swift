import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// `/app/people/{id}/summary`: the person's International Patient Summary as a printable page, the essentials in the
/// person's language beside English, to hand to them; `/app/people/{id}/summary.json` downloads the same document as
/// FHIR JSON. Both read through PatientSummaryService (identity and health reads, each decided and audited).
enum PatientSummaryPage {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let summaries = PatientSummaryService(services: services)
        router.get(RouterPath(SiteURL.personPart(":id", "summary"))) { request, context in
            let id = try context.uuidParameter("id", what: "The person")
            let loaded = try await summaries.bundle(id, request: request, context: context)
            return HTMLResponse.page(view(loaded, page: context.page(request), language: context.language))
        }
        router.get(RouterPath(SiteURL.personPart(":id", "summary.json"))) { request, context in
            let id = try context.uuidParameter("id", what: "The person")
            let loaded = try await summaries.bundle(id, request: request, context: context)
            var response = FHIRController.respond(loaded.bundle)
            response.headers[.contentDisposition] = "attachment; filename=\"patient-summary-\(loaded.code).json\""
            return response
        }
    }

    static func view(_ loaded: PatientSummaryService.Loaded, page: PageContext, language: String) -> String {
        let l = page.l
        let summary = loaded.summary
        let person = summary.person
        let local = summary.labels, english = loaded.english
        let bilingual = local.language != "en"
        let direction = Catalogs.all[local.language]?.direction == .rtl ? "rtl" : "ltr"
        /// A label in the person's language, then English when that is another language.
        func both(_ pick: (PatientSummary.Labels) -> String) -> Component {
            let (mine, theirs) = (pick(local), pick(english))
            return ComponentGroup {
                El("span", [("lang", local.language), ("dir", direction)]) { Text(mine) }
                if bilingual { El("span", [("lang", "en"), ("class", "translation")]) { Text(" / " + theirs) } }
            }
        }
        let englishSections = PatientSummary(person: person, contactShown: summary.contactShown, records: summary.records, author: summary.author,
                                             organizations: summary.organizations, labels: english, now: summary.now, base: summary.base).sections
        return PageShell(title: "\(local.title): \(person.displayName)", page: page, current: SiteURL.person(person.id)).render {
            El("p", [("class", "lead")]) { Text(l("ips.page.lead")) }
            El("p", [("class", "actions no-print")]) {
                Link(l("ips.download"), url: SiteURL.personPart(person.id, "summary.json")).class("button")
                Text(" ")
                Link(l("ips.back"), url: SiteURL.person(person.id))
            }
            El("article", [("class", "patient-summary")]) {
                El("h2") { both(\.title) }
                El("dl", [("class", "facts")]) {
                    El("dt") { Text(l("ips.person")) }
                    El("dd") { Text(person.names.map { [$0.family, $0.given, $0.patronymic ?? ""].filter { !$0.isEmpty }.joined(separator: " ") }.joined(separator: " · ")) }
                    El("dt") { Text(l("ips.born")) }
                    El("dd") { Text(person.birthDate?.description ?? "—") }
                    El("dt") { Text(l("ips.code")) }
                    El("dd") { Text(person.code) }
                    El("dt") { Text(l("ips.prepared")) }
                    El("dd") { Text("\(summary.author.name(in: language)), \(CalendarDay(summary.now))") }
                }
                for (section, englishSection) in zip(summary.sections, englishSections) {
                    El("section", [("class", "ips-section"), ("id", "ips-\(section.code)")]) {
                        El("h3") {
                            El("span", [("lang", local.language), ("dir", direction)]) { Text(section.title) }
                            if bilingual { El("span", [("lang", "en"), ("class", "translation")]) { Text(" / " + englishSection.title) } }
                        }
                        if section.records.isEmpty {
                            El("p") {
                                El("span", [("lang", local.language), ("dir", direction)]) { Text(section.emptyText) }
                                if bilingual { El("span", [("lang", "en"), ("class", "translation")]) { Text(" / " + englishSection.emptyText) } }
                            }
                        } else {
                            ScrollRegion(label: section.title) {
                                Table(caption: TableCaption(section.title), header: TableRow {
                                    TableHeaderCell { both(\.date) }
                                    TableHeaderCell { both(\.item) }
                                    TableHeaderCell { both(\.detail) }
                                }) {
                                    for record in section.records {
                                        let row = PatientSummary.row(record)
                                        TableRow {
                                            TableCell(row.date)
                                            El("td", [("lang", "en")]) { Text(row.item) }
                                            El("td", [("lang", "en")]) { Text(row.detail) }
                                        }
                                    }
                                }.class("data ips")
                            }
                        }
                    }
                }
            }
        }
    }
}

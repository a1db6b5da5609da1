import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// Find a person by printed code, by name in any script (with birth year), or by document.
enum PeopleSearchPage {
    static func view(results: [Person]?, query: [String: String], page: PageContext, countries: CountryTable, notice: Notice?) -> String {
        let l = page.l
        return PageShell(title: l("people.title"), page: page, current: SiteURL.people, notice: notice).render {
            Paragraph { Link(l("people.register"), url: SiteURL.newPerson) }
            Form(url: SiteURL.people, method: .get) {
                Field(label: l("people.search.q"), name: "q", type: "search", value: query["q"], hint: l("people.search.q-hint"))
                Field(label: l("people.search.birth-year"), name: "birthYear", value: query["birthYear"])
                Field(label: l("people.search.document"), name: "documentNumber", value: query["documentNumber"], hint: l("people.search.document-hint"))
                SelectField(label: l("person.field.document-country"), name: "documentCountry",
                            options: [("", "—")] + countries.countries.keys.sorted().map { ($0, countries.name(of: $0, language: l.language)) },
                            selected: query["documentCountry"])
                El("button", [("type", "submit")]) { Text(l("people.search.submit")) }
            }.class("card")
            if let results {
                if results.isEmpty {
                    Paragraph(l("people.none"))
                } else {
                    PeopleTable(people: results, page: page, countries: countries, caption: l.plural("people.found", count: results.count))
                }
            }
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let people = PeopleService(services: services)
        router.get(RouterPath(SiteURL.people)) { request, context in
            _ = try context.requireIdentity()
            let q = request.uri.queryParameters
            var query: [String: String] = [:]
            for key in ["q", "birthYear", "documentNumber", "documentCountry"] { query[key] = q[Substring(key)].map(String.init) }
            let page = context.page(request)
            guard query.values.contains(where: { !$0.isEmpty }) else {
                return HTMLResponse.page(view(results: nil, query: query, page: page, countries: services.countries, notice: nil))
            }
            do {
                let found = try await people.search(try PeopleController.query(request), request: request, context: context)
                // Until the index has loaded every record after a start, a name search can miss people: say so.
                let notice = services.peopleIndex.isComplete ? nil : Notice(kind: .info, text: page.l("people.index-loading"))
                return HTMLResponse.page(view(results: found, query: query, page: page, countries: services.countries, notice: notice))
            } catch let error as CareBridgeError where error.kind == .validation {
                return HTMLResponse.page(view(results: nil, query: query, page: page, countries: services.countries, notice: Notice(kind: .error, text: error.detail)),
                                         status: .unprocessableContent)
            }
        }
    }
}

/// People as a table: code, names in every script, birth, citizenship, region.
struct PeopleTable: Component {
    var people: [Person]
    var page: PageContext
    var countries: CountryTable
    var caption: String

    var body: Component {
        let l = page.l
        return Div { Table(
            caption: TableCaption(caption),
            header: TableRow {
                TableHeaderCell(l("person.code")); TableHeaderCell(l("person.name")); TableHeaderCell(l("person.field.birth"))
                TableHeaderCell(l("person.field.citizenship")); TableHeaderCell(l("person.field.region"))
            }
        ) {
            for p in people {
                TableRow {
                    TableCell { Link(p.code, url: SiteURL.person(p.id)) }
                    TableCell(p.names.map { "\($0.family) \($0.given)" }.joined(separator: " · "))
                    TableCell(p.birthDate?.description ?? "—")
                    TableCell(p.citizenship.map { countries.name(of: $0, language: l.language) } ?? "—")
                    TableCell(p.region.flatMap { countries.regions[$0]?.name(language: l.language) } ?? "—")
                }
            }
        }.class("data") }.class("table-scroll")
    }
}

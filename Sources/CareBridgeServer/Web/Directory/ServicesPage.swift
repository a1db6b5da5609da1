import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// The public directory search at `/services`: by need, staff language, region, a nearby city, open now and free for
/// the person's legal status, ranked. No account; the answers travel only in the GET query and nothing is stored.
/// Plain HTML forms, so it works on a phone without JavaScript.
enum ServicesPage {
    struct Model {
        var form: [String: String]
        var hits: [DirectoryHit]
        var searched: Bool
        var notice: String?
        var error: String?
        var cities: [String]
        var regions: [(code: String, name: String)]
        var languages: [String]
    }

    static func model(_ params: [String: String], language: String, services: AppServices) -> Model {
        let index = services.directory.index
        var model = Model(form: params, hits: [], searched: false, notice: nil, error: nil,
                          cities: DirectorySearchRequest.cities(index).keys.sorted(),
                          regions: services.countries.regions.values.map { ($0.code, $0.names?[language] ?? $0.names?["en"] ?? $0.code) }.sorted { $0.code < $1.code },
                          languages: Array(Set(index.entries.flatMap { $0.services.flatMap(\.languages) })).sorted())
        let asked = params.contains { ["q", "category", "care", "speaks", "region", "near", "open", "free", "status"].contains($0.key) && !$0.value.isEmpty }
        guard asked else { return model }
        do {
            let request = try DirectorySearchRequest.parse(params, services: services, now: services.now())
            model.hits = index.search(request.query)
            model.notice = request.notice
            model.searched = true
        } catch let error as CareBridgeError {
            model.error = error.detail
        } catch {
            model.error = "\(error)"
        }
        return model
    }

    static func view(_ m: Model, page: PageContext) -> String {
        let l = page.l
        return PageShell(title: l("directory.title"), page: page).render {
            Paragraph(l("directory.intro"))
            if let error = m.error { Notice(kind: .error, text: error) }
            if let notice = m.notice { Notice(kind: .info, text: l(notice)) }
            form(m, l: l)
            if m.searched {
                El("section", [("aria-labelledby", "results-h"), ("id", "results")]) {
                    El("h2", [("id", "results-h")]) { Text(m.hits.isEmpty ? l("directory.none") : l("directory.results", ["count": "\(m.hits.count)"])) }
                    for hit in m.hits { ServiceCard(hit: hit, l: l) }
                }
            }
            Paragraph { Link(l("public.staff-signin"), url: SiteURL.login) }.class("hint")
        }
    }

    static func form(_ m: Model, l: Localizer) -> Component {
        let f = m.form
        return Form(url: SiteURL.services, method: .get) {
            El("input", [("type", "hidden"), ("name", "lang"), ("value", l.language)])
            SelectField(label: l("directory.category"), name: "category",
                        options: [("all", l("directory.category.all"))] + ServiceCategory.allCases.map { ($0.rawValue, l("category.\($0.rawValue)")) },
                        selected: f["category"])
            Field(label: l("directory.search"), name: "q", type: "search", value: f["q"])
            SelectField(label: l("directory.language"), name: "speaks",
                        options: [("any", l("directory.language.any"))] + m.languages.map { ($0, Locale(identifier: l.language).localizedString(forIdentifier: $0) ?? $0) },
                        selected: f["speaks"])
            SelectField(label: l("directory.region"), name: "region", options: [("any", l("directory.region.any"))] + m.regions.map { ($0.code, $0.name) },
                        selected: f["region"])
            SelectField(label: l("directory.near"), name: "near", options: [("", l("directory.near.none"))] + m.cities.map { ($0, $0) }, selected: f["near"])
            SelectField(label: l("directory.status"), name: "status",
                        options: [("", l("directory.status.unknown"))] + LegalStatusKind.allCases.map { ($0.rawValue, l("navigator.status.\($0.rawValue)")) },
                        selected: f["status"])
            if let citizenship = f["citizenship"] { El("input", [("type", "hidden"), ("name", "citizenship"), ("value", citizenship)]) }
            if let insured = f["insured"] { El("input", [("type", "hidden"), ("name", "insured"), ("value", insured)]) }
            if let care = f["care"] { El("input", [("type", "hidden"), ("name", "care"), ("value", care)]) }
            for (name, key) in [("free", "directory.free"), ("open", "directory.open-now")] {
                let value = name == "open" ? "now" : "yes"
                Div {
                    El("input", [("type", "checkbox"), ("name", name), ("id", "f-\(name)"), ("value", value), ("checked", f[name] == value ? "checked" : nil)])
                    El("label", [("for", "f-\(name)")]) { Text(l(key)) }
                }.class("choice")
            }
            El("button", [("type", "submit")]) { Text(l("directory.submit")) }
        }.class("card navigator")
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(SiteURL.services)) { request, context in
            let params = request.formQuery
            let page = context.page(request)
            return HTMLResponse.page(view(model(params, language: page.l.language, services: services), page: page))
        }
    }
}

/// One search result: the service, where, when, what it costs the person, who speaks what, what to bring.
struct ServiceCard: Component {
    var hit: DirectoryHit
    var l: Localizer

    var body: Component {
        let s = hit.service
        let language = l.language
        return El("article", [("class", "service" + (hit.outcome == .free ? " outcome-free" : ""))]) {
            El("h3") { Text(s.name(in: language)) }
            Paragraph(hit.organization.name(in: language) + " · " + s.categories.map { l("category.\($0.rawValue)") }.joined(separator: ", ")).class("hint")
            if let description = s.description(in: language) { Paragraph(description) }
            if let address = hit.location.address {
                Paragraph([address.line, address.city].filter { !$0.isEmpty }.joined(separator: ", ")
                          + (hit.distanceKm.map { " · " + l("directory.distance", ["km": String(format: "%.1f", $0)]) } ?? ""))
            }
            if let outcome = hit.outcome { Paragraph(l("directory.cost") + ": " + l("outcome.\(outcome.rawValue)")).class("outcome") }
            if let open = hit.openNow { Paragraph(open ? l("directory.open") : l("directory.closed")).class(open ? "open" : "closed") }
            if let place = s.locations.first(where: { $0.locationID == hit.location.id }), !place.hours.isEmpty {
                Paragraph(l("directory.hours") + ": " + place.hours.map { hours in
                    hours.days.map { l("weekday.\($0.rawValue)") }.joined(separator: ", ") + " " + OpeningHours.text(hours.opens) + "–" + OpeningHours.text(hours.closes)
                }.joined(separator: "; "))
            }
            if !s.languages.isEmpty {
                Paragraph(l("directory.speaks") + ": " + s.languages.map { Locale(identifier: language).localizedString(forIdentifier: $0) ?? $0 }.joined(separator: ", "))
            }
            if let interpretation = s.interpretation { Paragraph(l("directory.interpretation") + ": " + interpretation) }
            if !s.requiredDocuments.isEmpty { Paragraph(l("directory.bring") + ": " + s.requiredDocuments.joined(separator: "; ")) }
            if !s.phones.isEmpty {
                Paragraph { Text(l("directory.phone") + ": "); for (i, phone) in s.phones.enumerated() {
                    if i > 0 { Text(", ") }
                    Link(phone, url: "tel:" + phone.filter { $0.isNumber || $0 == "+" })
                } }
            }
            if hit.demo { Paragraph(l("directory.demo")).class("hint demo") }
        }
    }
}

import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import Plot

/// The public care navigator at `/`: a migrant answers a few plain questions, without an account, and sees what care
/// they may get, what it costs, what to bring, the legal basis and where to go. The answers travel only in the GET
/// query of their own request: nothing is stored, and the request log records the path without the query.
/// Plain HTML forms, so it works on a phone without JavaScript.
enum NavigatorPage {
    struct Question: Sendable {
        var citizenship: String?
        var status: LegalStatusKind
        var insured: Bool
        var need: CareType?
        var age: Int?
        var pregnant: Bool
    }

    struct Model {
        var question: Question?
        /// The previous answers, to fill the form again.
        var form: [String: String]
        var countries: [(code: String, name: String)]
        var answer: (inForce: RuleSetRegistry.InForce, day: CalendarDay, decisions: [CareDecision])?
        /// Services giving the care asked about, ranked for this person (free for them first).
        var places: [DirectoryHit]
        var more: String
        var error: String?
    }

    static func question(_ q: [String: String]) throws -> Question? {
        guard let statusText = q["status"], !statusText.isEmpty else { return nil }
        let status = try LegalStatusKind.parse(statusText)
        let citizenship = q["citizenship"].flatMap { $0 == "none" || $0.isEmpty ? nil : $0 }
        var age: Int?
        if let text = q["age"]?.trimmed, !text.isEmpty {
            guard let value = Int(text), (0...120).contains(value) else { throw CareBridgeError.invalid("age", "Age must be a whole number of years from 0 to 120.") }
            age = value
        }
        let need = try q["need"].flatMap { $0.isEmpty || $0 == "all" ? nil : try CareType.parse($0) }
        return Question(citizenship: citizenship, status: status, insured: q["insured"] == "yes", need: need, age: age, pregnant: q["pregnant"] == "yes")
    }

    static func model(_ query: [String: String], language: String, services: AppServices) async throws -> Model {
        let countries = services.countries.countries.keys.map { ($0, services.countries.name(of: $0, language: language)) }
            .sorted { $0.1.localizedStandardCompare($1.1) == .orderedAscending }
        var model = Model(question: nil, form: query, countries: countries, answer: nil, places: [], more: SiteURL.services, error: nil)
        do {
            model.question = try question(query)
            if let citizenship = model.question?.citizenship { _ = try services.countries.country(citizenship, field: "citizenship") }
        } catch let error as CareBridgeError {
            model.error = error.detail
            model.question = nil
        }
        guard let q = model.question else { return model }
        guard let inForce = try? services.ruleSets.current(services.configuration.country) else {
            model.error = "navigator.no-ruleset"
            return model
        }
        let day = services.today
        let facts = EntitlementFacts(status: q.status, citizenship: q.citizenship, insured: q.insured, age: q.age, pregnant: q.pregnant)
        let decisions = try inForce.table.decide(facts, on: day).filter { q.need == nil || $0.care == q.need }
        model.answer = (inForce, day, decisions)
        var search = DirectoryQuery(care: q.need.map { [$0] } ?? [], limit: 5)
        search.outcomes = Dictionary(try inForce.table.decide(facts, on: day).map { ($0.care, $0.outcome.kind) }, uniquingKeysWith: { a, _ in a })
        model.places = services.directory.index.search(search)
        var link = URLComponents()
        link.path = SiteURL.services
        link.queryItems = [URLQueryItem(name: "lang", value: language), URLQueryItem(name: "status", value: q.status.rawValue),
                           URLQueryItem(name: "insured", value: q.insured ? "yes" : "no")]
            + (q.citizenship.map { [URLQueryItem(name: "citizenship", value: $0)] } ?? []) + (q.need.map { [URLQueryItem(name: "care", value: $0.rawValue)] } ?? [])
        model.more = link.string ?? SiteURL.services
        return model
    }

    static func view(_ m: Model, page: PageContext) -> String {
        let l = page.l
        return PageShell(title: l("navigator.title"), page: page).render {
            Paragraph(l("navigator.intro"))
            if let error = m.error { Notice(kind: .error, text: error.hasPrefix("navigator.") ? l(error) : error) }
            form(m, l: l)
            if let answer = m.answer {
                El("section", [("aria-labelledby", "answer-h"), ("id", "answer")]) {
                    El("h2", [("id", "answer-h")]) { Text(l("navigator.answer")) }
                    Paragraph(l("navigator.answer-intro", ["date": answer.day.description,
                                                           "ruleset": answer.inForce.table.ruleSet.title[l.language] ?? answer.inForce.table.ruleSet.title["en"] ?? ""]))
                    for decision in answer.decisions { card(decision, set: answer.inForce.table.ruleSet, l: l) }
                    Paragraph(l("navigator.disclaimer")).class("hint")
                }
                El("section", [("aria-labelledby", "where-h")]) {
                    El("h2", [("id", "where-h")]) { Text(l("navigator.where")) }
                    Paragraph(l("navigator.where-intro"))
                    for hit in m.places { ServiceCard(hit: hit, l: l) }
                    Paragraph { Link(l("navigator.where-more"), url: m.more) }
                }
            }
            Paragraph { Link(l("public.staff-signin"), url: SiteURL.login) }.class("hint")
        }
    }

    static func form(_ m: Model, l: Localizer) -> Component {
        let f = m.form
        return Form(url: SiteURL.publicHome, method: .get) {
            El("input", [("type", "hidden"), ("name", "lang"), ("value", l.language)])
            SelectField(label: l("navigator.citizenship"), name: "citizenship",
                        options: [("none", l("navigator.citizenship.none"))] + m.countries.map { ($0.code, $0.name) },
                        selected: f["citizenship"])
            El("fieldset") {
                El("legend") { Text(l("navigator.status")) }
                for kind in LegalStatusKind.allCases {
                    Div {
                        El("input", [("type", "radio"), ("name", "status"), ("id", "status-\(kind.rawValue)"), ("value", kind.rawValue),
                                     ("required", "required"), ("checked", f["status"] == kind.rawValue ? "checked" : nil)])
                        El("label", [("for", "status-\(kind.rawValue)")]) { Text(l("navigator.status.\(kind.rawValue)")) }
                    }.class("choice")
                }
            }
            El("fieldset") {
                El("legend") { Text(l("navigator.insured")) }
                for (value, key) in [("yes", "navigator.yes"), ("no", "navigator.no")] {
                    Div {
                        El("input", [("type", "radio"), ("name", "insured"), ("id", "insured-\(value)"), ("value", value),
                                     ("checked", (f["insured"] ?? "no") == value ? "checked" : nil)])
                        El("label", [("for", "insured-\(value)")]) { Text(l(key)) }
                    }.class("choice")
                }
            }
            SelectField(label: l("navigator.need"), name: "need",
                        options: [("all", l("navigator.need.all"))] + CareType.allCases.map { ($0.rawValue, l("care.\($0.rawValue)")) },
                        selected: f["need"])
            Field(label: l("navigator.age"), name: "age", type: "number", value: f["age"])
            Div {
                El("input", [("type", "checkbox"), ("name", "pregnant"), ("id", "pregnant"), ("value", "yes"), ("checked", f["pregnant"] == "yes" ? "checked" : nil)])
                El("label", [("for", "pregnant")]) { Text(l("navigator.pregnant")) }
            }.class("choice")
            El("button", [("type", "submit")]) { Text(l("navigator.submit")) }
        }.class("card navigator")
    }

    static func outcome(_ o: Outcome, l: Localizer) -> String {
        let base = l("outcome.\(o.kind.rawValue)")
        guard let price = o.price else { return base }
        return base + " " + (said(l, "price.\(price)") ?? "(\(price))")
    }

    /// The message for a key a data file names (a price list, a paper), or nil when no catalog has it.
    static func said(_ l: Localizer, _ key: String) -> String? {
        let text = l(key)
        return text.hasPrefix("[[") ? nil : text
    }

    static func card(_ d: CareDecision, set: RuleSet, l: Localizer) -> Component {
        El("article", [("class", "entitlement outcome-\(d.outcome.kind.rawValue)")]) {
            El("h3") { Text(l("care.\(d.care.rawValue)")) }
            Paragraph(outcome(d.outcome, l: l)).class("outcome")
            for rule in d.applied { Paragraph(rule.text(in: l.language)) }
            if !d.bring.isEmpty {
                Paragraph(l("navigator.bring") + ": " + d.bring.map { said(l, "paper.\($0)") ?? $0 }.joined(separator: ", "))
            }
            El("details") {
                El("summary") { Text(l("navigator.basis")) }
                List(d.applied.compactMap { rule in set.bases[rule.basis].map { "\($0.title). \($0.source)" } })
            }
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(SiteURL.publicHome)) { request, context in
            let query = request.formQuery
            let page = context.page(request)
            return HTMLResponse.page(view(try await model(query, language: page.l.language, services: services), page: page))
        }
    }
}

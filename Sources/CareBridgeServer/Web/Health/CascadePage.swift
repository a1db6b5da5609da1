import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// `/app/cascade`: the population's care cascade for TB, HIV and hepatitis B and C on a day, over the population
/// snapshot: a funnel per disease drawn as SVG with its data table; a count under five is hidden and shown as "<5".
/// An aggregate read: analysts and public-health officers (the statistical and public-health purposes).
enum CascadePage {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let health = HealthService(services: services)
        router.get(RouterPath(SiteURL.cascade)) { request, context in
            _ = try context.requireIdentity()
            let day = try request.formQuery["date"].flatMap { $0.isEmpty ? nil : try CalendarDay(parsing: $0, field: "date") } ?? services.today
            let cascade = try await health.populationCascade(on: day, request: request, context: context)
            let page = context.page(request)
            return HTMLResponse.page(view(cascade, page: page, text: HealthText(l: page.l, countries: services.countries, codes: services.health.codes)))
        }
    }

    /// A published count: the number, or nil when it is under five (and not zero).
    static func shown(_ count: Int) -> Int? { SmallCells.suppress([count])[0] }

    static func cell(_ count: Int, _ l: Localizer) -> String { shown(count).map { l.number($0) } ?? "<\(SmallCells.threshold)" }

    static func view(_ cascade: PopulationCascade, page: PageContext, text: HealthText) -> String {
        let l = page.l
        return PageShell(title: l("cascade.title"), page: page, current: SiteURL.cascade).render {
            Paragraph(l("cascade.intro")).class("lead")
            Form(url: SiteURL.cascade, method: .get) {
                Field(label: l("cascade.date"), name: "date", type: "date", value: cascade.date.description)
                El("button", [("type", "submit")]) { Text(l("cascade.show")) }
            }.class("date-pick")
            Paragraph(l.plural("cascade.people", count: cascade.people, ["date": cascade.date.description]))
            Paragraph(l("cascade.suppressed-note", ["threshold": l.number(SmallCells.threshold)])).class("hint")
            for disease in Disease.cascaded {
                let counts = cascade.counts[disease] ?? [:]
                let id = "cascade-\(disease.rawValue)"
                El("section", [("aria-labelledby", "\(id)-h"), ("class", "cascade-disease")]) {
                    El("h2", [("id", "\(id)-h")]) { Text(text.disease(disease)) }
                    Div {
                        Funnel(id: id, disease: disease, counts: counts, date: cascade.date, text: text)
                        ScrollRegion(label: l("cascade.caption", ["disease": text.disease(disease), "date": cascade.date.description])) { Table(caption: TableCaption(l("cascade.caption", ["disease": text.disease(disease), "date": cascade.date.description])),
                                    header: TableRow { TableHeaderCell(l("cascade.col.stage")); TableHeaderCell(l("cascade.col.people")) }) {
                            for stage in CascadeStage.allCases {
                                let count = counts[stage] ?? 0
                                El("tr") {
                                    El("th", [("scope", "row")]) { Text(text.stage(stage)) }
                                    El("td", [("class", shown(count) == nil ? "suppressed" : "count")]) { Text(cell(count, l)) }
                                }
                            }
                        }.class("data cascade-table") }
                    }.class("cascade-pair")
                }
            }
        }
    }

    /// One disease's cascade as a funnel: a centred bar per stage, as wide as its count relative to the largest;
    /// a hidden count is an outlined bar marked "<5".
    struct Funnel: Component {
        var id: String
        var disease: Disease
        var counts: [CascadeStage: Int]
        var date: CalendarDay
        var text: HealthText

        static let width = 440, row = 48, bar = 22

        var body: Component {
            let l = text.l
            let stages = CascadeStage.allCases
            // A hidden count is drawn as if it were the threshold, so its bar stays small and does not reveal the number.
            let scaled = stages.map { CascadePage.shown(counts[$0] ?? 0) ?? SmallCells.threshold }
            let largest = max(scaled.max() ?? 0, 1)
            let height = stages.count * Self.row + 8
            let items = stages.map { l("cascade.desc-item", ["stage": text.stage($0), "count": CascadePage.cell(counts[$0] ?? 0, l)]) }
            return El("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(Self.width) \(height)"), ("width", "\(Self.width)"),
                              ("height", "\(height)"), ("role", "img"), ("aria-labelledby", "\(id)-title \(id)-desc"), ("class", "funnel")]) {
                El("title", [("id", "\(id)-title")]) { Text(l("cascade.funnel-title", ["disease": text.disease(disease), "date": date.description])) }
                El("desc", [("id", "\(id)-desc")]) { Text(items.joined(separator: "; ")) }
                for (index, stage) in stages.enumerated() {
                    let count = counts[stage] ?? 0
                    let hidden = CascadePage.shown(count) == nil
                    let barWidth = count == 0 ? 2 : max(6, Int(Double(Self.width - 20) * Double(scaled[index]) / Double(largest)))
                    let y = 4 + index * Self.row
                    El("text", [("x", "\(Self.width / 2)"), ("y", "\(y + 14)"), ("text-anchor", "middle"), ("font-size", "13"), ("fill", "#1b1f24")]) {
                        Text("\(text.stage(stage)): \(CascadePage.cell(count, l))")
                    }
                    El("rect", [("x", "\((Self.width - barWidth) / 2)"), ("y", "\(y + 20)"), ("width", "\(barWidth)"), ("height", "\(Self.bar)"),
                                ("rx", "3"), ("fill", hidden ? "#ffffff" : "#0b5cad"), ("stroke", hidden ? "#57606a" : "none"),
                                ("stroke-dasharray", hidden ? "4 3" : nil), ("class", hidden ? "suppressed" : "count")])
                }
            }
        }
    }
}

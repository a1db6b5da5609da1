import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// `/app/indicators`: the equity indicators, one at a time, with its breakdown tables beside the figure for citizens
/// and permanent residents; hidden counts marked with a symbol explained under the tables; links to the CSV and a
/// DHIS2 data value set of the same figures. Plain GET forms, so it works without JavaScript. An aggregate read.
enum IndicatorsPage {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let indicators = IndicatorService(services: services)
        router.get(RouterPath(SiteURL.indicators)) { request, context in
            _ = try context.requireIdentity()
            let q = request.uri.queryParameters
            let catalog = services.indicators.catalog
            guard let selected = q.get("indicator").flatMap({ catalog.indicator($0) }) ?? catalog.indicators.first else {
                throw CareBridgeError.notFound("An indicator")
            }
            let by = q.getAll("by").filter { !$0.isEmpty }
            let query = try indicators.query(by: by, from: q.get("from"), to: q.get("to"))
            let result = try await indicators.compute(selected.id, query: query, request: request, context: context)
            let page = context.page(request)
            let model = Model(definitions: catalog.indicators, selected: selected, result: result, query: query)
            return HTMLResponse.page(view(model, page: page, labels: Labels(l: page.l, countries: services.countries)))
        }
    }

    struct Model {
        var definitions: [IndicatorDefinition]
        var selected: IndicatorDefinition
        var result: IndicatorResult
        var query: IndicatorQuery

        /// The query string of this view, for the download links.
        var parameters: String {
            var items = query.dimensions.map { "by=\($0.rawValue)" }
            if let from = query.from { items.append("from=\(from)") }
            items.append("to=\(query.to)")
            return items.joined(separator: "&")
        }
    }

    /// Names of the breakdowns' codes in the page's language.
    struct Labels {
        var l: Localizer
        var countries: CountryTable

        func dimension(_ d: IndicatorDimension) -> String { l("indicators.dimension.\(d.rawValue)") }

        func code(_ code: String, of dimension: IndicatorDimension) -> String {
            if code == IndicatorDimension.notRecorded { return l("indicators.code.not-recorded") }
            switch dimension {
            case .legalStatus: return code == IndicatorDimension.citizen ? l("indicators.code.citizen") : l("status.\(code)")
            case .citizenship: return countries.name(of: code, language: l.language)
            case .region: return countries.regions[code]?.name(language: l.language) ?? code
            case .sex: return l("sex.\(code)")
            case .ageGroup: return code
            case .interpreterNeed: return l("indicators.code.\(code)")
            }
        }
    }

    static let hiddenSymbol = "✱"

    /// A figure's value as shown: a percentage or days, the hidden symbol, or why there is none.
    static func value(_ f: IndicatorFigure, measure: IndicatorDefinition.Measure, l: Localizer) -> Component {
        if f.suppressed { return hidden(l) }
        guard let v = f.value else { return Text(l("indicators.na.\(f.na ?? IndicatorFigure.noDenominator)")) }
        switch measure {
        case .proportion: return Text(String(format: "%.1f %%", v * 100))
        case .medianDaysToAttendance: return Text(l("indicators.days", ["value": v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)]))
        }
    }

    static func count(_ n: Int?, l: Localizer) -> Component { n.map { Text(l.number($0)) } ?? hidden(l) }

    static func hidden(_ l: Localizer) -> Component {
        El("abbr", [("title", l("indicators.suppressed")), ("class", "suppressed")]) { Text(hiddenSymbol) }
    }

    /// One row of a breakdown: the group, its counts, its value, the reference group's value.
    static func row(_ label: String, _ f: IndicatorFigure, reference: IndicatorFigure, measure: IndicatorDefinition.Measure, l: Localizer, header: Bool = false) -> Component {
        El("tr", [("class", f.suppressed ? "suppressed" : nil)]) {
            El("th", [("scope", "row")]) { Text(label) }
            El("td", [("class", "count")]) { count(f.numerator, l: l) }
            El("td", [("class", "count")]) { count(f.denominator, l: l) }
            El("td", [("class", "value")]) { value(f, measure: measure, l: l) }
            El("td", [("class", "value reference")]) { value(reference, measure: measure, l: l) }
        }
    }

    static func view(_ m: Model, page: PageContext, labels: Labels) -> String {
        let l = page.l
        let r = m.result
        let title = l(m.selected.title)
        let head = TableRow {
            TableHeaderCell(l("indicators.col.group")); TableHeaderCell(l("indicators.col.numerator")); TableHeaderCell(l("indicators.col.denominator"))
            TableHeaderCell(l("indicators.col.value")); TableHeaderCell(l("indicators.col.reference"))
        }
        return PageShell(title: l("indicators.title"), page: page, current: SiteURL.indicators).render {
            Paragraph(l("indicators.intro")).class("lead")
            El("nav", [("aria-label", l("indicators.list")), ("class", "indicator-list")]) {
                List(m.definitions) { d in
                    ListItem {
                        El("a", [("href", SiteURL.indicator(d.id)), ("aria-current", d.id == m.selected.id ? "page" : nil)]) { Text(l(d.title)) }
                    }
                }
            }
            El("section", [("aria-labelledby", "indicator-h"), ("class", "indicator")]) {
                El("h2", [("id", "indicator-h")]) { Text(title) }
                Paragraph(l(m.selected.description))
                Paragraph {
                    Text(l("indicators.source", ["source": "\(m.selected.source.organization): \(m.selected.source.document)"]))
                    if let url = m.selected.source.url { Text(" "); El("a", [("href", url), ("rel", "external")]) { Text(url) } }
                }.class("hint source")
                if let note = m.selected.source.note { Paragraph(note).class("hint") }
                Form(url: SiteURL.indicators, method: .get) {
                    El("input", [("type", "hidden"), ("name", "indicator"), ("value", m.selected.id)])
                    SelectField(label: l("indicators.by"), name: "by",
                                options: [("", l("indicators.by-every"))] + IndicatorDimension.allCases.map { ($0.rawValue, labels.dimension($0)) },
                                selected: m.query.dimensions.first?.rawValue, form: "breakdown")
                    SelectField(label: l("indicators.by-cross"), name: "by",
                                options: [("", l("indicators.by-none"))] + IndicatorDimension.allCases.map { ($0.rawValue, labels.dimension($0)) },
                                selected: m.query.dimensions.dropFirst().first?.rawValue, form: "breakdown-cross")
                    if m.selected.subject == .referrals {
                        Field(label: l("indicators.from"), name: "from", type: "date", value: m.query.from?.description, form: "breakdown")
                    }
                    Field(label: l("indicators.to"), name: "to", type: "date", value: m.query.to.description, form: "breakdown")
                    El("button", [("type", "submit")]) { Text(l("indicators.show")) }
                }.class("date-pick")
                Paragraph(m.selected.subject == .people ? l("indicators.period.people", ["date": r.to.description])
                          : r.from.map { l("indicators.period.referrals", ["from": $0.description, "to": r.to.description]) }
                          ?? l("indicators.period.referrals-until", ["to": r.to.description]))
                ScrollRegion(label: title) {
                    Table(caption: TableCaption(title), header: head) {
                        row(l("indicators.overall"), r.overall, reference: r.reference, measure: r.measure, l: l)
                        row(l("indicators.reference"), r.reference, reference: r.reference, measure: r.measure, l: l)
                    }.class("data indicator-summary")
                }
                for breakdown in r.breakdowns {
                    let caption = l("indicators.caption", ["indicator": title, "dimension": labels.dimension(breakdown.dimension)])
                    ScrollRegion(label: caption) {
                        Table(caption: TableCaption(caption), header: head) {
                            for item in breakdown.rows {
                                row(labels.code(item.code, of: breakdown.dimension), item.figure, reference: r.reference, measure: r.measure, l: l)
                            }
                        }.class("data indicator-breakdown").id("breakdown-\(breakdown.dimension.rawValue)")
                    }
                }
                if let t = r.crossTable { crossTable(t, title: title, measure: r.measure, labels: labels) }
                Paragraph(l("indicators.suppressed-note", ["symbol": hiddenSymbol, "threshold": l.number(SmallCells.threshold)])).class("hint").id("suppressed-note")
                downloads(m, l: l)
            }
        }
    }

    /// Two dimensions crossed: each cell's value, the rows' and columns' totals.
    static func crossTable(_ t: IndicatorResult.CrossTable, title: String, measure: IndicatorDefinition.Measure, labels: Labels) -> Component {
        let l = labels.l
        let caption = l("indicators.caption", ["indicator": title, "dimension": "\(labels.dimension(t.rowDimension)) × \(labels.dimension(t.columnDimension))"])
        return ScrollRegion(label: caption) {
            Table(caption: TableCaption(caption), header: TableRow {
                TableHeaderCell(labels.dimension(t.rowDimension))
                for column in t.columns { TableHeaderCell(labels.code(column, of: t.columnDimension)) }
                TableHeaderCell(l("indicators.col.total"))
            }) {
                for (i, code) in t.rows.enumerated() {
                    El("tr") {
                        El("th", [("scope", "row")]) { Text(labels.code(code, of: t.rowDimension)) }
                        for cell in t.cells[i] { El("td", [("class", "value")]) { value(cell, measure: measure, l: l) } }
                        El("td", [("class", "value total")]) { value(t.rowTotals[i], measure: measure, l: l) }
                    }
                }
                El("tr") {
                    El("th", [("scope", "row")]) { Text(l("indicators.col.total")) }
                    for cell in t.columnTotals { El("td", [("class", "value total")]) { value(cell, measure: measure, l: l) } }
                    El("td") {}
                }
            }.class("data indicator-cross")
        }
    }

    /// The same figures as CSV, and a GET form for a DHIS2 data value set (period and organisation unit typed in).
    static func downloads(_ m: Model, l: Localizer) -> Component {
        El("section", [("aria-labelledby", "downloads-h"), ("class", "card downloads")]) {
            El("h3", [("id", "downloads-h")]) { Text(l("indicators.download")) }
            Paragraph { El("a", [("href", "\(APIRoute.indicator.link(m.selected.id))?\(m.parameters)&format=csv"), ("download", "\(m.selected.id).csv")]) { Text(l("indicators.download-csv")) } }
            Form(url: APIRoute.indicatorDHIS2.link(m.selected.id), method: .get) {
                El("p") { Text(l("indicators.dhis2")) }
                if m.query.dimensions.count == 1 { El("input", [("type", "hidden"), ("name", "by"), ("value", m.query.dimensions[0].rawValue)]) }
                Field(label: l("indicators.dhis2.period"), name: "period", value: nil, required: true, form: "dhis2")
                Field(label: l("indicators.dhis2.org-unit"), name: "orgUnit", value: nil, required: true, form: "dhis2")
                El("button", [("type", "submit")]) { Text(l("indicators.dhis2.get")) }
            }
        }
    }
}

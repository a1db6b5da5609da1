import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import Plot

/// `/app/surveillance?disease=`: the surveillance dashboard. Public-health officers and the ministry see the weekly
/// series of notified cases with the live detection threshold and its alarms; everyone with aggregate access sees
/// the map of cases by region over the last four complete weeks (small cells hidden, except for public-health
/// officers) and the open alerts. Each chart carries its data table; no JavaScript.
enum SurveillanceDashboardPage {
    static let path = "/app/surveillance"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(path)) { request, context in
            let identity = try context.requireIdentity()
            try await services.gate.authorizeRead(.aggregate, of: AccessGate.Target(), request: request, context: context)
            let disease = try request.formQuery["disease"].flatMap { $0.isEmpty ? nil : try HealthRecordInput.enumValue(Disease.self, $0, field: "disease") } ?? .tuberculosis
            let publicHealth = identity.organization.kind == .publicHealthService && identity.user.role == .publicHealthOfficer
            let seesSeries = publicHealth || identity.organization.kind == .healthMinistry
            let detector = OutbreakDetector(services: services)
            let lastWeek = EpiWeek(services.today, system: .iso).adding(weeks: -1)
            let all = try await detector.series(through: lastWeek).filter { $0.disease == disease }
            let national = all.first { $0.region == nil }
            // Cases by region in the last four complete weeks.
            var byRegion: [String: Int] = [:]
            for s in all where s.region != nil {
                byRegion[s.region!] = s.counts.observed.suffix(4).reduce(0, +)
            }
            let alerts = try await OutbreakAlertRepository(services.database).list(open: true).filter { $0.disease == disease }
            let page = context.page(request)
            let cascade = Disease.cascaded.contains(disease)
                ? PopulationCascade.compute(await services.population.current(), engine: services.health.engine, on: services.today) : nil
            return HTMLResponse.page(view(disease: disease, national: seesSeries ? national : nil, detector: detector, byRegion: byRegion,
                                          suppress: !publicHealth, alerts: alerts, cascade: cascade, lastWeek: lastWeek, page: page, services: services))
        }
    }

    static func view(disease: Disease, national: OutbreakDetector.Series?, detector: OutbreakDetector, byRegion: [String: Int], suppress: Bool,
                     alerts: [OutbreakAlert], cascade: PopulationCascade?, lastWeek: EpiWeek, page: PageContext, services: AppServices) -> String {
        let l = page.l
        let text = HealthText(l: l, countries: services.countries, codes: services.health.codes)
        return PageShell(title: l("surveillance.title"), page: page, current: path).render {
            Paragraph(l("surveillance.intro")).class("lead")
            Form(url: path, method: .get) {
                SelectField(label: l("health.field.disease"), name: "disease", options: Disease.allCases.map { ($0.rawValue, text.disease($0)) }, selected: disease.rawValue)
                El("button", [("type", "submit")]) { Text(l("surveillance.show")) }
            }.class("filters")
            H2(l("surveillance.series.title", ["disease": text.disease(disease)]))
            if let national {
                seriesChart(national, detector: detector, weeks: 104, id: "series-\(disease.rawValue)", title: l("surveillance.series.title", ["disease": text.disease(disease)]), page: page)
            } else {
                Paragraph(l("surveillance.series.not-shown"))
            }
            H2(l("surveillance.map.title", ["week": lastWeek.description]))
            if let geometry = try? RegionGeometry.shipped(services.configuration.country) {
                let codes = geometry.regions.map(\.code)
                let values = suppress ? SmallCells.suppress(codes.map { byRegion[$0] ?? 0 }) : codes.map { byRegion[$0] ?? 0 }
                RegionMap(id: "map-\(disease.rawValue)", geometry: geometry,
                          regions: zip(codes, values).map { RegionMap.Region(code: $0, name: text.region($0), value: $1.map(Double.init)) },
                          labels: .init(title: l("surveillance.map.title", ["week": lastWeek.description]), summary: l("surveillance.map.summary"),
                                        region: l("outbreak.col.area"), value: l("outbreak.col.observed"), noData: l("surveillance.map.hidden"),
                                        tableSummary: l("surveillance.data-table")), locale: l.locale)
                if suppress { Paragraph(l("cascade.suppressed-note", ["threshold": l.number(SmallCells.threshold)])).class("hint") }
            }
            if let cascade, let counts = cascade.counts[disease] {
                // The care cascade as a funnel: a published statistic, counts under five hidden for everyone.
                H2(l("cascade.funnel-title", ["disease": text.disease(disease), "date": cascade.date.description]))
                FunnelChart(id: "funnel-\(disease.rawValue)",
                            stages: CascadeStage.allCases.map { FunnelChart.Stage(label: text.stage($0), count: CascadePage.shown(counts[$0] ?? 0)) },
                            labels: .init(title: l("cascade.funnel-title", ["disease": text.disease(disease), "date": cascade.date.description]),
                                          summary: l("cascade.intro"), stage: l("cascade.col.stage"), count: l("cascade.col.people"),
                                          percent: l("surveillance.funnel.share"), group: l("surveillance.funnel.group"),
                                          suppressedNote: l("cascade.suppressed-note", ["threshold": l.number(SmallCells.threshold)]),
                                          tableSummary: l("surveillance.data-table")), locale: l.locale)
            }
            H2(l("outbreak.title"))
            if alerts.isEmpty {
                Paragraph(l("outbreak.none"))
            } else {
                List(alerts) { alert in
                    ListItem { Link("\(alert.week): \(OutbreakAlertsPage.area(alert.region, l, services)), \(alert.observed) > \(OutbreakAlertsPage.number(alert.upperbound))", url: OutbreakAlertsPage.review(alert.id)) }
                }
            }
        }
    }

    /// The weekly series' last `weeks` weeks with the threshold and alarms live detection gives each of them.
    static func seriesChart(_ series: OutbreakDetector.Series, detector: OutbreakDetector, weeks: Int, id: String, title: String, page: PageContext) -> TimeSeriesChart {
        let l = page.l
        let n = series.counts.count, shown = Swift.min(n, weeks), start = n - shown
        var settings = detector.settings
        settings.lookback = shown
        var answers: [Int: DetectionRow] = [:]
        if let method = settings.method(forWeeks: n) {
            for row in (try? method.detect(series.counts)) ?? [] { answers[row.t - 1] = row }
        }
        let alarms = (start..<n).filter { answers[$0]?.alarm == true }.count
        return TimeSeriesChart(id: id, periods: (start..<n).map { series.firstWeek.adding(weeks: $0).description },
                               observed: Array(series.counts.observed[start...]), upperBound: (start..<n).map { answers[$0]?.upperbound },
                               expected: (start..<n).map { answers[$0]?.expected }, alarms: (start..<n).map { answers[$0]?.alarm == true },
                               labels: .init(title: title, summary: l.plural("surveillance.series.summary", count: alarms, ["weeks": l.number(shown)]),
                                             periodAxis: l("outbreak.col.week"), countAxis: l("outbreak.col.observed"), observed: l("surveillance.series.observed"),
                                             threshold: l("outbreak.col.threshold"), expected: l("surveillance.series.expected"), alarm: l("outbreak.series.above"),
                                             notAvailable: l("outbreak.series.no-threshold"), noAlarm: "", tableSummary: l("surveillance.data-table")),
                               locale: l.locale)
    }
}

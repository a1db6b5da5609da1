import CareBridgeCore
import CareBridgeStore
import Foundation
import FoundationXML
import Testing

@testable import CareBridgeServer

@Suite("The demo action plan and the target chart")
struct MeasuresDemoTests {
    @Test("the demo plan is stored once, marked demo, from the seminar's themes; its overview, agreed measure with its chart, meetings and document render")
    func demoPlan() async throws {
        try await TestApp.run(.sqlite) { client, services in
            #expect(try await DemoPlan.seed(services: services))
            #expect(try await DemoPlan.seed(services: services) == false, "a database that has the demo plan keeps it")
            let plans = try await MeasureRepository(services.database).plans(limit: 10, after: nil).items
            #expect(plans.count == 1 && plans[0].demo && plans[0].title["en"] == "Belarus 2027-2029 (demo)")
            let measures = try await MeasureRepository(services.database).measures(plan: plans[0].id)
            #expect(measures.map(\.status) == [.inProgress, .underDiscussion, .proposed, .proposed])

            let (cookie, _) = try await WebPagesTests.signIn(client, "admin", TestApp.adminPassword)
            let overview = try await client.send(.get, SiteURL.plan(plans[0].id), headers: [.cookie: cookie])
            #expect(overview.text.contains("Demonstration plan") && overview.text.contains("In progress") && overview.text.contains("Round table on measure 1 and 2"))
            #expect(overview.text.contains("No figure (too few people)") || overview.text.contains("Behind") || overview.text.contains("On track"), "the agreed measure is monitored")
            #expect(overview.text.contains("In progress: 1 · Proposed: 2 · Under discussion: 1") || overview.text.contains("Proposed: 2 · Under discussion: 1 · In progress: 1"), "at a glance")
            let first = try await client.send(.get, SiteURL.measure(measures[0].id) + "?lang=ru", headers: [.cookie: cookie])
            #expect(first.text.contains("Бесплатное лечение туберкулёза") && first.text.contains("pravo.by"))
            let svg = try #require(first.text.firstMatch(of: /<svg[^>]*target-chart.*?<\/svg>/.dotMatchesNewlines())).output
            #expect(XMLParser(data: Data(svg.utf8)).parse(), "the chart is well-formed XML")
            let document = try await client.send(.get, SiteURL.planPart(plans[0].id, "document"), headers: [.cookie: cookie])
            #expect(document.text.components(separatedBy: "class=\"document-measure\"").count == 5)
        }
    }

    @Test("the target chart draws the planned path, the target and the live figures with a gap where one is hidden; its table has every figure")
    func targetChart() throws {
        func day(_ s: String) throws -> CalendarDay { try CalendarDay(parsing: s, field: "d") }
        let chart = TargetChart(id: "t<1>", start: try day("2027-01-01"), baseline: 0.6, targetDate: try day("2029-12-31"), target: 0.85,
                                points: [.init(date: try day("2027-06-01"), value: 0.62), .init(date: try day("2027-09-01"), value: nil),
                                         .init(date: try day("2028-01-01"), value: 0.7)],
                                percent: true, labels: .init(title: "TB <success> & more", summary: "s", dateAxis: "Date", valueAxis: "Share", observed: "Live",
                                                             planned: "Planned", target: "Target", suppressed: "hidden", tableSummary: "Data"),
                                locale: Locale(identifier: "en"))
        #expect(XMLParser(data: Data(chart.svg.utf8)).parse())
        #expect(chart.svg.contains("class=\"tc-planned\"") && chart.svg.contains("class=\"tc-target\"") && chart.svg.contains("TB &lt;success&gt; &amp; more"))
        // Two observed runs: the hidden figure breaks the line.
        // The last observed path (the first is the legend's key).
        let path = try #require(chart.svg.matches(of: /d="([^"]*)" class="tc-observed"/).last?.1)
        #expect(path.filter { $0 == "M" }.count == 2)
        let table = chart.tableHTML
        #expect(table.contains("62%") && table.contains("hidden") && table.contains("85%") && table.contains("60%"))
        #expect(try abs(chart.planned(day("2029-12-31")) - 0.85) < 1e-9 && chart.planned(day("2026-01-01")) == 0.6)
    }
}

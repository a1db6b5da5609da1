@testable import CareBridgeServer
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
import Plot
#endif

extension XMLElement {
    /// An attribute's value; `attribute(forName:)` finds none on Linux once the element is in a namespace (the SVG one).
    func attr(_ name: String) -> String? { attributes?.first { $0.name == name }?.stringValue }
}

@Suite("Chart components (time series, funnel, region map)")
struct ChartsTests {
    static let en = Locale(identifier: "en")

    static func labels(title: String = "Measles, weekly cases", period: String = "Week") -> TimeSeriesChart.Labels {
        TimeSeriesChart.Labels(title: title, summary: "Cases by week with the alarm threshold", periodAxis: period, countAxis: "Cases",
                               observed: "Observed", threshold: "Threshold", expected: "Expected", alarm: "Alarm",
                               notAvailable: "NA", noAlarm: "—", tableSummary: "Data table")
    }

    static func series(_ bounds: [Double?], observed: [Int]? = nil, alarms: [Bool]? = nil) -> TimeSeriesChart {
        let weeks = bounds.indices.map { "2026-W\(String(format: "%02d", $0 + 1))" }
        return TimeSeriesChart(id: "measles", periods: weeks, observed: observed ?? bounds.map { _ in 3 }, upperBound: bounds,
                               alarms: alarms ?? bounds.map { _ in false }, labels: labels(), locale: en)
    }

    /// Parses the markup as XML (failing the test when it is not well-formed) and returns the document.
    static func xml(_ markup: String) throws -> XMLDocument {
        try XMLDocument(xmlString: markup, options: [])
    }

    static func nodes(_ doc: XMLDocument, _ name: String, class cssClass: String? = nil) throws -> [XMLElement] {
        let all = try doc.nodes(forXPath: "//*[local-name()='\(name)']").compactMap { $0 as? XMLElement }
        guard let cssClass else { return all }
        return all.filter { ($0.attr("class") ?? "").split(separator: " ").contains(Substring(cssClass)) }
    }

    static let stageLabels = FunnelChart.Labels(title: "HIV cascade", summary: "Diagnosed, on treatment, suppressed", stage: "Stage",
                                                count: "People", percent: "Share of diagnosed", group: "Migrants",
                                                comparisonGroup: "Citizens", suppressed: "–", suppressedNote: "Fewer than 5: not shown",
                                                tableSummary: "Data table")

    static let mapLabels = RegionMap.Labels(title: "TB notifications by region", summary: "Rate per 100,000 by region",
                                            region: "Region", value: "Per 100,000", noData: "Suppressed or no data", tableSummary: "Data table")

    static func map(_ values: [String: Double?]) throws -> RegionMap {
        let geometry = try #require(try RegionGeometry.shipped("BY"))
        let regions = geometry.regions.map { RegionMap.Region(code: $0.code, name: "Region \($0.code)", value: values[$0.code] ?? nil) }
        return RegionMap(id: "tb-map", geometry: geometry, regions: regions, labels: mapLabels, locale: en)
    }

    @Test("a time series is a well-formed SVG image with its title, description and a table of the same periods")
    func timeSeriesIsWellFormed() throws {
        let chart = Self.series([4, 4.5, 5, 5.5])
        let doc = try Self.xml(chart.svg)
        #expect(doc.rootElement()?.name == "svg")
        #expect(doc.rootElement()?.attr("role") == "img")
        #expect(try Self.nodes(doc, "title").first?.stringValue == "Measles, weekly cases")
        #expect(try Self.nodes(doc, "rect", class: "ts-bar").count == 4 + 1)  // four periods and the legend's key
        let table = chart.tableHTML
        #expect(table.components(separatedBy: "<tr").count - 1 == 5)
        #expect(table.contains("2026-W03") && table.contains("<th scope=\"col\">Threshold</th>"))
    }

    @Test("an NA threshold is a gap in the stepped line and NA in the table, never a step down to zero")
    func naThresholdIsAGap() throws {
        let chart = Self.series([4, 5, nil, nil, 6, 7])
        let doc = try Self.xml(chart.svg)
        // The last one: the legend's key comes first.
        let threshold = try #require(try Self.nodes(doc, "path", class: "ts-threshold").last)
        let d = try #require(threshold.attr("d"))
        #expect(d.filter { $0 == "M" }.count == 2)
        // The zero line's y: the axis line drawn at tick 0.
        let axis = try #require(try Self.nodes(doc, "line", class: "chart-axis").first)
        let zero = try #require(axis.attr("y1"))
        #expect(!d.contains(" \(zero) ") && !d.contains("V\(zero)"))
        let table = chart.tableHTML
        #expect(table.components(separatedBy: "<td class=\"na\">NA</td>").count - 1 == 2)
    }

    @Test("an alarm is a triangle over its period and a bold row in the table, not a colour alone")
    func alarmsAreMarked() throws {
        let chart = Self.series([4, 4, 4, 4, 4], observed: [1, 2, 9, 3, 8], alarms: [false, false, true, false, true])
        let doc = try Self.xml(chart.svg)
        let marks = try Self.nodes(doc, "g", class: "ts-alarm-mark")
        #expect(marks.count == 2)
        #expect(marks.map { $0.elements(forName: "title").first?.stringValue } == ["2026-W03: Alarm", "2026-W05: Alarm"])
        #expect(try Self.nodes(doc, "rect", class: "ts-bar-alarm").count == 2)
        let table = chart.tableHTML
        #expect(table.components(separatedBy: "<tr class=\"alarm\">").count - 1 == 2 && table.contains("▲ Alarm"))
    }

    @Test("the count axis has round ticks from zero and the period labels are thinned to fit")
    func axesAreReadable() throws {
        #expect(ChartScale(upTo: 23).ticks == [0, 5, 10, 15, 20, 25])
        #expect(ChartScale(upTo: 7).ticks == [0, 2, 4, 6, 8])
        #expect(ChartScale(upTo: 0).ticks == [0, 1])
        #expect(ChartScale(upTo: 1_234).ticks == [0, 250, 500, 750, 1_000, 1_250])
        let long = Self.series(Array(repeating: 2.0, count: 104))
        let labels = try Self.nodes(try Self.xml(long.svg), "text", class: "chart-tick").filter { $0.stringValue?.hasPrefix("2026-W") == true }
        #expect(labels.count >= 5 && labels.count <= 20)
        #expect(labels.first?.stringValue == "2026-W01")
    }

    @Test("a suppressed funnel stage is a symbol with its footnote, never a bar of zero; shares are of each group's first stage")
    func funnelSuppressedIsNotZero() throws {
        let chart = FunnelChart(id: "hiv", stages: [.init(label: "Diagnosed", count: 100, comparison: 200),
                                                    .init(label: "On treatment", count: nil, comparison: 150),
                                                    .init(label: "Suppressed", count: 40, comparison: nil)],
                                labels: Self.stageLabels, locale: Self.en)
        let doc = try Self.xml(chart.svg)
        #expect(try Self.nodes(doc, "rect", class: "funnel-bar").count == 4 + 2)  // four bars and two legend keys
        let suppressed = try Self.nodes(doc, "g", class: "funnel-suppressed")
        #expect(suppressed.count == 2)
        #expect(suppressed.allSatisfy { $0.elements(forName: "rect").isEmpty && ($0.stringValue ?? "").contains("–*") })
        let text = doc.rootElement()?.stringValue ?? ""
        #expect(text.contains("Migrants: 40 (40%)") && text.contains("Citizens: 150 (75%)") && text.contains("* Fewer than 5: not shown"))
        let table = chart.tableHTML
        #expect(table.components(separatedBy: "<td class=\"suppressed\">–*</td>").count - 1 == 2)
        #expect(chart.html.contains("* Fewer than 5: not shown"))
    }

    @Test("the Belarus outlines cover the seven ISO 3166-2 regions, Minsk city last and inside Minsk region, with their source")
    func belarusGeometryCoversRegions() throws {
        let geometry = try #require(try RegionGeometry.shipped("by"))
        #expect(Set(geometry.regions.map(\.code)) == ["BY-BR", "BY-HO", "BY-HR", "BY-MA", "BY-MI", "BY-VI", "BY-HM"])
        #expect(geometry.regions.count == 7)
        #expect(geometry.regions.last?.code == "BY-HM" && geometry.regions.last?.inside == "BY-MI")
        #expect(geometry.source.contains("Natural Earth") && geometry.licence.contains("public domain"))
        #expect(geometry.regions.allSatisfy { $0.path.hasPrefix("M") && $0.label.count == 2 })
        #expect(try RegionGeometry.shipped("ZZ") == nil)
    }

    @Test("a region without a value is hatched and named so, never shaded as zero; values fall in five round classes")
    func regionMapHatchesMissing() throws {
        let chart = try Self.map(["BY-BR": 0, "BY-HO": nil, "BY-HR": 12, "BY-MA": 24, "BY-MI": 31, "BY-VI": 45, "BY-HM": 49.5])
        #expect(chart.classes.bounds == [10, 20, 30, 40])
        let doc = try Self.xml(chart.svg)
        let regions = try Self.nodes(doc, "g", class: "map-region")
        #expect(regions.count == 7)
        func region(_ code: String) -> XMLElement? { regions.first { $0.attr("data-region") == code } }
        let gomel = try #require(region("BY-HO"))
        #expect(gomel.attr("class") == "map-region map-nodata")
        #expect(gomel.elements(forName: "path").first?.attr("fill") == "url(#tb-map-hatch)")
        #expect(gomel.elements(forName: "title").first?.stringValue == "Region BY-HO: Suppressed or no data")
        #expect(region("BY-BR")?.attr("class") == "map-region map-class-0")
        #expect(region("BY-HM")?.attr("class") == "map-region map-class-4")
        #expect(regions.last?.attr("data-region") == "BY-HM")
        let text = doc.rootElement()?.stringValue ?? ""
        #expect(text.contains("0–10") && text.contains("40–50") && text.contains("Suppressed or no data"))
        #expect(chart.tableHTML.contains("<td class=\"suppressed\">Suppressed or no data</td>"))
    }

    @Test("a label with <&> and quotes stays text in the SVG and in the table")
    func textIsEscaped() throws {
        let hostile = "A <&> \"b\" 'c' &amp; &nbsp;"
        let series = TimeSeriesChart(id: "x\"><script>", periods: [.init(label: hostile, observed: 2, upperBound: 3, alarm: true)],
                                     labels: Self.labels(title: hostile, period: hostile), locale: Self.en)
        let funnel = FunnelChart(id: "f", stages: [.init(label: hostile, count: 9), .init(label: "b", count: nil)],
                                 labels: FunnelChart.Labels(title: hostile, summary: hostile, stage: hostile, count: "n", percent: "%",
                                                            group: hostile, suppressed: hostile, suppressedNote: hostile,
                                                            tableSummary: hostile), locale: Self.en)
        let geometry = try #require(try RegionGeometry.shipped("BY"))
        let map = RegionMap(id: "m", geometry: geometry, regions: [.init(code: "BY-BR", name: hostile, value: nil)],
                            labels: RegionMap.Labels(title: hostile, summary: hostile, region: hostile, value: hostile, noData: hostile,
                                                     tableSummary: hostile), locale: Self.en)
        for svg in [series.svg, funnel.svg, map.svg] {
            let doc = try Self.xml(svg)
            #expect(try Self.nodes(doc, "title").first?.stringValue == hostile)
            #expect(!svg.contains("<&>") && !svg.contains("<script"))
        }
        #expect(series.svg.contains("id=\"x---script--title\""))
        for html in [series.html, funnel.html, map.html] {
            #expect(html.contains("A &lt;&amp;&gt;") && !html.contains("<&>") && !html.contains("<script"))
        }
    }

    @Test("numbers follow the reader's language and the SVG is drawn left to right in a right-to-left page")
    func localizedNumbers() throws {
        let chart = TimeSeriesChart(id: "ar", periods: [.init(label: "٢٠٢٦-٠٧", observed: 1_500, upperBound: 1_200.5, alarm: true)],
                                    labels: Self.labels(), locale: Locale(identifier: "ar"))
        let doc = try Self.xml(chart.svg)
        #expect(doc.rootElement()?.attr("direction") == "ltr")
        #expect(chart.tableHTML.contains(1_500.formatted(.number.locale(Locale(identifier: "ar")))))
    }
}

@Suite("Attribute escaping")
struct AttributeEscapingTests {
    @Test("a quote, an ampersand or angle brackets in an attribute value stay inside the attribute")
    func elEscapesAttributeValues() {
        let html = El("a", [("href", "/x?a=1&b=2"), ("aria-label", "O\"Brien <b> d'Arc")]) { Text("x") }.render()
        #expect(html == "<a href=\"/x?a=1&amp;b=2\" aria-label=\"O&quot;Brien &lt;b&gt; d&apos;Arc\">x</a>")
    }
}

import CareBridgeCore
import Foundation
import Plot

/// An indicator against the path a measure set for it: the planned straight line from the baseline (at the start)
/// to the target (on its date), dashed; the live figures along the way as a line with points, a gap where a figure is
/// suppressed; the target as a ring. Time runs left to right on a day scale. Pure: data in, markup out.
struct TargetChart: Chart {
    struct Point: Sendable, Equatable {
        var date: CalendarDay
        /// Nil where suppressed or undefined.
        var value: Double?
    }
    struct Labels: Sendable {
        var title: String
        var summary: String
        var dateAxis: String
        var valueAxis: String
        var observed: String
        var planned: String
        var target: String
        /// Written in the table for a suppressed figure.
        var suppressed: String
        var tableSummary: String
    }

    var id: String
    var start: CalendarDay
    var baseline: Double
    var targetDate: CalendarDay
    var target: Double
    var points: [Point]
    /// Shares are drawn and written as percentages.
    var percent: Bool
    var labels: Labels
    var format: ChartFormat

    init(id: String, start: CalendarDay, baseline: Double, targetDate: CalendarDay, target: Double, points: [Point], percent: Bool, labels: Labels, locale: Locale) {
        (self.id, self.start, self.baseline, self.targetDate, self.target) = (svgID(id), start, baseline, targetDate, target)
        (self.points, self.percent, self.labels, self.format) = (points, percent, labels, ChartFormat(locale: locale))
    }

    static let width = 720.0, left = 64.0, right = 700.0, plotHeight = 180.0

    func text(_ v: Double) -> String { percent ? format.percent(v) : format.value(v) }

    /// The planned value on a day: the straight line from baseline to target.
    func planned(_ day: CalendarDay) -> Double {
        let span = Double(max(targetDate.dayNumber - start.dayNumber, 1))
        let t = min(max(Double(day.dayNumber - start.dayNumber) / span, 0), 1)
        return baseline + (target - baseline) * t
    }

    var svg: String {
        let legend = ChartLegend(items: [
            .init(label: labels.observed) { x, y in SVGNode("path", [("d", "M\(svgNumber(x)) \(svgNumber(y + 6)) h16"), ("class", "tc-observed"), ("fill", "none")]) },
            .init(label: labels.planned) { x, y in SVGNode("path", [("d", "M\(svgNumber(x)) \(svgNumber(y + 6)) h16"), ("class", "tc-planned"), ("fill", "none")]) },
            .init(label: labels.target) { x, y in SVGNode("circle", [("cx", svgNumber(x + 8)), ("cy", svgNumber(y + 6)), ("r", "5"), ("class", "tc-target")]) },
        ]).layout(x: Self.left, y: 8, width: Self.right - Self.left)
        let top = 8 + legend.height + 16, bottom = top + Self.plotHeight, height = bottom + 50
        let first = min(start.dayNumber, points.map(\.date.dayNumber).min() ?? start.dayNumber)
        let last = max(targetDate.dayNumber, points.map(\.date.dayNumber).max() ?? targetDate.dayNumber, first + 1)
        let largest = ([baseline, target] + points.compactMap(\.value)).max() ?? 1
        let scale = ChartScale(upTo: percent ? min(max(largest, 0.01), 1) : largest, integers: !percent)
        func x(_ day: CalendarDay) -> Double { Self.left + (Self.right - Self.left) * Double(day.dayNumber - first) / Double(last - first) }
        func y(_ v: Double) -> Double { scale.position(v, from: bottom, to: top) }

        var nodes: [SVGNode] = [SVGNode("title", [("id", "\(id)-title")], text: labels.title), SVGNode("desc", [("id", "\(id)-desc")], text: labels.summary)]
        nodes += legend.nodes
        var grid: [SVGNode] = []
        for tick in scale.ticks {
            grid.append(SVGNode("line", [("x1", svgNumber(Self.left)), ("x2", svgNumber(Self.right)), ("y1", svgNumber(y(tick))), ("y2", svgNumber(y(tick))), ("class", "chart-grid")]))
            grid.append(SVGNode("text", [("x", svgNumber(Self.left - 6)), ("y", svgNumber(y(tick) + 4)), ("text-anchor", "end"), ("class", "chart-tick")], text: text(tick)))
        }
        grid.append(SVGNode("text", [("x", "12"), ("y", svgNumber((top + bottom) / 2)), ("transform", "rotate(-90 12 \(svgNumber((top + bottom) / 2)))"),
                                     ("text-anchor", "middle"), ("class", "chart-axis-title")], text: labels.valueAxis))
        nodes.append(SVGNode("g", [("class", "chart-y-axis")], grid))
        // The x axis: the start, the target date, and today's (the last) figure's date.
        var ticks = [start, targetDate]
        if let latest = points.last?.date, !ticks.contains(latest) { ticks.append(latest) }
        var axis = [SVGNode("line", [("x1", svgNumber(Self.left)), ("x2", svgNumber(Self.right)), ("y1", svgNumber(bottom)), ("y2", svgNumber(bottom)), ("class", "chart-axis")])]
        var placed: [Double] = []
        for day in ticks.sorted() {
            let px = x(day)
            axis.append(SVGNode("line", [("x1", svgNumber(px)), ("x2", svgNumber(px)), ("y1", svgNumber(bottom)), ("y2", svgNumber(bottom + 4)), ("class", "chart-axis")]))
            if placed.allSatisfy({ abs($0 - px) > 80 }) {
                axis.append(SVGNode("text", [("x", svgNumber(px)), ("y", svgNumber(bottom + 17)), ("text-anchor", "middle"), ("class", "chart-tick")], text: day.description))
                placed.append(px)
            }
        }
        axis.append(SVGNode("text", [("x", svgNumber((Self.left + Self.right) / 2)), ("y", svgNumber(bottom + 40)), ("text-anchor", "middle"), ("class", "chart-axis-title")],
                            text: labels.dateAxis))
        nodes.append(SVGNode("g", [("class", "chart-x-axis")], axis))
        nodes.append(SVGNode("path", [("d", "M\(svgNumber(x(start))) \(svgNumber(y(baseline))) L\(svgNumber(x(targetDate))) \(svgNumber(y(target)))"),
                                      ("class", "tc-planned"), ("fill", "none")]))
        nodes.append(SVGNode("g", [("class", "tc-target-mark")], [
            SVGNode("title", text: "\(labels.target): \(text(target)), \(targetDate)"),
            SVGNode("circle", [("cx", svgNumber(x(targetDate))), ("cy", svgNumber(y(target))), ("r", "6"), ("class", "tc-target")]),
        ]))
        // The observed line breaks at a suppressed figure.
        var path: [String] = [], previous = false
        for p in points {
            if let v = p.value { path.append("\(previous ? "L" : "M")\(svgNumber(x(p.date))) \(svgNumber(y(v)))"); previous = true } else { previous = false }
        }
        if !path.isEmpty { nodes.append(SVGNode("path", [("d", path.joined(separator: " ")), ("class", "tc-observed"), ("fill", "none")])) }
        nodes.append(SVGNode("g", [("class", "tc-points")], points.compactMap { p in
            p.value.map { v in
                SVGNode("g", [], [SVGNode("title", text: "\(p.date): \(text(v))"),
                                  SVGNode("circle", [("cx", svgNumber(x(p.date))), ("cy", svgNumber(y(v))), ("r", "3.5"), ("class", "tc-point")])])
            }
        }))
        return SVGNode("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(svgNumber(Self.width)) \(svgNumber(height))"),
                               ("width", svgNumber(Self.width)), ("height", svgNumber(height)), ("role", "img"),
                               ("aria-labelledby", "\(id)-title \(id)-desc"), ("class", "chart-svg target-chart"), ("direction", "ltr")], nodes).markup
    }

    var table: Component {
        Table(caption: TableCaption(labels.title), header: TableRow {
            El("th", [("scope", "col")]) { Text(labels.dateAxis) }
            El("th", [("scope", "col")]) { Text(labels.observed) }
            El("th", [("scope", "col")]) { Text(labels.planned) }
        }) {
            El("tr", [("class", "baseline")]) {
                El("th", [("scope", "row")]) { Text(start.description) }
                El("td", [("class", "na")]) { Text("") }
                El("td", [("class", "count")]) { Text(text(baseline)) }
            }
            for p in points {
                El("tr") {
                    El("th", [("scope", "row")]) { Text(p.date.description) }
                    El("td", [("class", p.value == nil ? "na" : "count")]) { Text(p.value.map(text) ?? labels.suppressed) }
                    El("td", [("class", "count")]) { Text(text(planned(p.date))) }
                }
            }
            El("tr", [("class", "target")]) {
                El("th", [("scope", "row")]) { Text(targetDate.description) }
                El("td", [("class", "na")]) { Text("") }
                El("td", [("class", "count")]) { Text(text(target)) }
            }
        }.class("data chart-table tc-table")
    }

    var body: Component { ChartFigure(svg: svg, tableSummary: labels.tableSummary, table: table) }
}

import Foundation

extension TimeSeriesChart {
    static let width = 720.0, plotLeft = 56.0, plotRight = 704.0, plotHeight = 200.0

    /// The chart as an `<svg>` element, drawn left to right in every language (time runs that way on the axis; the
    /// labels inside follow their own script).
    var svg: String {
        let (left, right) = (Self.plotLeft, Self.plotRight)
        let legend = self.legend.layout(x: left, y: 8, width: right - left)
        let top = 8 + legend.height + 16
        let bottom = top + Self.plotHeight
        let height = bottom + 52
        let values: [Double] = periods.flatMap { p -> [Double] in [Double(p.observed), p.upperBound ?? 0, p.expected ?? 0] }
        let scale = ChartScale(upTo: values.max() ?? 0)
        let slot = (right - left) / Double(max(periods.count, 1))
        func y(_ v: Double) -> Double { scale.position(v, from: bottom, to: top) }
        func centre(_ i: Int) -> Double { left + slot * (Double(i) + 0.5) }

        var nodes: [SVGNode] = [
            SVGNode("title", [("id", "\(id)-title")], text: labels.title),
            SVGNode("desc", [("id", "\(id)-desc")], text: labels.summary),
        ]
        nodes += legend.nodes
        nodes.append(yAxis(scale: scale, top: top, bottom: bottom, y: y))
        nodes.append(xAxis(slot: slot, bottom: bottom, centre: centre))
        nodes.append(observedMarks(slot: slot, y: y, centre: centre, bottom: bottom))
        if let d = Self.steppedPath(periods.map(\.upperBound), slot: slot, left: left, y: y) {
            nodes.append(SVGNode("path", [("class", "ts-threshold"), ("d", d), ("fill", "none")]))
        }
        if let d = Self.brokenLine(periods.map(\.expected), centre: centre, y: y) {
            nodes.append(SVGNode("path", [("class", "ts-expected"), ("d", d), ("fill", "none")]))
        }
        nodes.append(alarmMarks(y: y, centre: centre, slot: slot))
        return SVGNode("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(svgNumber(Self.width)) \(svgNumber(height))"),
                               ("width", svgNumber(Self.width)), ("height", svgNumber(height)), ("role", "img"),
                               ("aria-labelledby", "\(id)-title \(id)-desc"), ("class", "chart-svg ts-chart"), ("direction", "ltr")],
                       nodes).markup
    }

    var legend: ChartLegend {
        var items = [ChartLegend.Item(label: labels.observed) { x, y in
            style == .bars ? SVGNode("rect", [("x", svgNumber(x + 2)), ("y", svgNumber(y)), ("width", "12"), ("height", "12"), ("class", "ts-bar")])
                : SVGNode("path", [("d", "M\(svgNumber(x)) \(svgNumber(y + 6)) h16"), ("class", "ts-observed-line"), ("fill", "none")])
        }]
        items.append(.init(label: labels.threshold) { x, y in
            SVGNode("path", [("d", "M\(svgNumber(x)) \(svgNumber(y + 9)) h8 v-6 h8"), ("class", "ts-threshold"), ("fill", "none")])
        })
        if periods.contains(where: { $0.expected != nil }) {
            items.append(.init(label: labels.expected) { x, y in
                SVGNode("path", [("d", "M\(svgNumber(x)) \(svgNumber(y + 6)) h16"), ("class", "ts-expected"), ("fill", "none")])
            })
        }
        items.append(.init(label: labels.alarm) { x, y in Self.triangle(x: x + 8, base: y + 11, size: 11) })
        return ChartLegend(items: items)
    }

    func yAxis(scale: ChartScale, top: Double, bottom: Double, y: (Double) -> Double) -> SVGNode {
        var nodes: [SVGNode] = []
        for tick in scale.ticks {
            let ty = svgNumber(y(tick))
            nodes.append(SVGNode("line", [("x1", svgNumber(Self.plotLeft)), ("x2", svgNumber(Self.plotRight)), ("y1", ty), ("y2", ty),
                                         ("class", tick == 0 ? "chart-axis" : "chart-grid")]))
            nodes.append(SVGNode("text", [("x", svgNumber(Self.plotLeft - 6)), ("y", svgNumber(y(tick) + 4)), ("text-anchor", "end"),
                                         ("class", "chart-tick")], text: format.value(tick)))
        }
        let middle = svgNumber((top + bottom) / 2)
        nodes.append(SVGNode("text", [("x", "14"), ("y", middle), ("transform", "rotate(-90 14 \(middle))"), ("text-anchor", "middle"),
                                     ("class", "chart-axis-title")], text: labels.countAxis))
        return SVGNode("g", [("class", "chart-y-axis")], nodes)
    }

    /// Period labels under the axis, every k-th one so that none overlaps the next.
    func xAxis(slot: Double, bottom: Double, centre: (Int) -> Double) -> SVGNode {
        let widest = periods.map { estimatedWidth($0.label, fontSize: 11) }.max() ?? 0
        let every = max(1, Int(((widest + 8) / slot).rounded(.up)))
        var nodes: [SVGNode] = []
        for (i, period) in periods.enumerated() where i % every == 0 {
            nodes.append(SVGNode("line", [("x1", svgNumber(centre(i))), ("x2", svgNumber(centre(i))), ("y1", svgNumber(bottom)),
                                         ("y2", svgNumber(bottom + 4)), ("class", "chart-axis")]))
            nodes.append(SVGNode("text", [("x", svgNumber(centre(i))), ("y", svgNumber(bottom + 17)), ("text-anchor", "middle"),
                                         ("class", "chart-tick")], text: period.label))
        }
        nodes.append(SVGNode("text", [("x", svgNumber((Self.plotLeft + Self.plotRight) / 2)), ("y", svgNumber(bottom + 42)),
                                     ("text-anchor", "middle"), ("class", "chart-axis-title")], text: labels.periodAxis))
        return SVGNode("g", [("class", "chart-x-axis")], nodes)
    }

    func observedMarks(slot: Double, y: (Double) -> Double, centre: (Int) -> Double, bottom: Double) -> SVGNode {
        var nodes: [SVGNode] = []
        if style == .line {
            let d = periods.enumerated().map { i, p in "\(i == 0 ? "M" : "L")\(svgNumber(centre(i))) \(svgNumber(y(Double(p.observed))))" }
            nodes.append(SVGNode("path", [("d", d.joined(separator: " ")), ("class", "ts-observed-line"), ("fill", "none")]))
        }
        for (i, p) in periods.enumerated() {
            let title = SVGNode("title", text: "\(p.label): \(labels.observed) \(format.count(p.observed))")
            let mark: SVGNode
            if style == .bars {
                let top = y(Double(p.observed))
                mark = SVGNode("rect", [("x", svgNumber(centre(i) - slot * 0.35)), ("y", svgNumber(top)), ("width", svgNumber(slot * 0.7)),
                                        ("height", svgNumber(bottom - top)), ("class", p.alarm ? "ts-bar ts-bar-alarm" : "ts-bar")])
            } else {
                mark = SVGNode("circle", [("cx", svgNumber(centre(i))), ("cy", svgNumber(y(Double(p.observed)))), ("r", "2.5"),
                                          ("class", "ts-observed-point")])
            }
            nodes.append(SVGNode("g", [("class", "ts-period")], [title, mark]))
        }
        return SVGNode("g", [("class", "ts-observed")], nodes)
    }

    /// A triangle above each alarm, over the bar or the threshold, whichever is higher.
    func alarmMarks(y: (Double) -> Double, centre: (Int) -> Double, slot: Double) -> SVGNode {
        let size = min(12, max(6, slot * 0.9))
        let marks = periods.enumerated().filter { $0.element.alarm }.map { i, p in
            let top = min(y(Double(p.observed)), p.upperBound.map(y) ?? .infinity)
            return SVGNode("g", [("class", "ts-alarm-mark")], [
                SVGNode("title", text: "\(p.label): \(labels.alarm)"),
                Self.triangle(x: centre(i), base: top - 3, size: size),
            ])
        }
        return SVGNode("g", [("class", "ts-alarms")], marks)
    }

    static func triangle(x: Double, base: Double, size: Double) -> SVGNode {
        let h = size * 0.87
        return SVGNode("path", [("d", "M\(svgNumber(x - size / 2)) \(svgNumber(base)) L\(svgNumber(x + size / 2)) \(svgNumber(base)) "
                                      + "L\(svgNumber(x)) \(svgNumber(base - h)) Z"), ("class", "ts-alarm")])
    }

    /// The threshold as steps across each period's slot, with a new subpath after every NA so the gap shows.
    static func steppedPath(_ values: [Double?], slot: Double, left: Double, y: (Double) -> Double) -> String? {
        var parts: [String] = []
        var previous: Double?
        for (i, value) in values.enumerated() {
            let x = left + slot * Double(i)
            if let value {
                parts.append(previous == nil ? "M\(svgNumber(x)) \(svgNumber(y(value)))" : "V\(svgNumber(y(value)))")
                parts.append("H\(svgNumber(x + slot))")
            }
            previous = value
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// A line through the centres of the periods that have a value, broken at every NA.
    static func brokenLine(_ values: [Double?], centre: (Int) -> Double, y: (Double) -> Double) -> String? {
        var parts: [String] = []
        var previous: Double?
        for (i, value) in values.enumerated() {
            if let value { parts.append("\(previous == nil ? "M" : "L")\(svgNumber(centre(i))) \(svgNumber(y(value)))") }
            previous = value
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}

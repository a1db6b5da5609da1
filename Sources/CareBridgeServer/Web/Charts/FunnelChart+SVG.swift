import Foundation

extension FunnelChart {
    static let width = 720.0, barLeft = 16.0, barMax = 470.0, barHeight = 18.0, labelRow = 22.0, gap = 12.0

    /// The funnel as an `<svg>` element: for each stage its label, then one bar per group with the count and share.
    var svg: String {
        let groups = series
        let rowHeight = Self.labelRow + Double(groups.count) * (Self.barHeight + 4) + Self.gap
        var nodes: [SVGNode] = [
            SVGNode("title", [("id", "\(id)-title")], text: labels.title),
            SVGNode("desc", [("id", "\(id)-desc")], text: labels.summary),
        ]
        var y = 8.0
        if groups.count > 1 {
            let legend = ChartLegend(items: groups.map { group in
                .init(label: group.name) { x, y in
                    SVGNode("rect", [("x", svgNumber(x + 2)), ("y", svgNumber(y)), ("width", "12"), ("height", "12"), ("class", group.cssClass)])
                }
            }).layout(x: Self.barLeft, y: y, width: Self.width - 2 * Self.barLeft)
            nodes += legend.nodes
            y += legend.height + 8
        }
        for (index, stage) in stages.enumerated() {
            var row: [SVGNode] = [SVGNode("text", [("x", svgNumber(Self.barLeft)), ("y", svgNumber(y + 15)), ("class", "chart-label funnel-stage")],
                                          text: stage.label)]
            for (g, group) in groups.enumerated() {
                let barY = y + Self.labelRow + Double(g) * (Self.barHeight + 4)
                row.append(bar(group: group, index: index, y: barY, named: groups.count > 1))
            }
            nodes.append(SVGNode("g", [("class", "funnel-row")], row))
            y += rowHeight
        }
        if hasSuppressed {
            nodes.append(SVGNode("text", [("x", svgNumber(Self.barLeft)), ("y", svgNumber(y + 6)), ("class", "chart-note")],
                                 text: "* \(labels.suppressedNote)"))
            y += 16
        }
        return SVGNode("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(svgNumber(Self.width)) \(svgNumber(y))"),
                               ("width", svgNumber(Self.width)), ("height", svgNumber(y)), ("role", "img"),
                               ("aria-labelledby", "\(id)-title \(id)-desc"), ("class", "chart-svg funnel-chart"), ("direction", "ltr")],
                       nodes).markup
    }

    /// One group's bar for one stage, with its value written after it; a suppressed count has no bar, only the
    /// symbol and its footnote mark.
    func bar(group: Series, index: Int, y: Double, named: Bool) -> SVGNode {
        let count = group.counts[index]
        var value = shown(count)
        if count != nil, let share = group.shares[index] { value += " (\(format.percent(share)))" }
        if named { value = "\(group.name): \(value)" }
        guard count != nil, let length = group.lengths[index] else {
            return SVGNode("g", [("class", "funnel-suppressed")], [
                SVGNode("text", [("x", svgNumber(Self.barLeft)), ("y", svgNumber(y + 13)), ("class", "chart-label")], text: value),
            ])
        }
        // A count above zero keeps a sliver of bar, so it is not mistaken for none.
        let width = count == 0 ? 0 : max(2, Self.barMax * length)
        return SVGNode("g", [("class", "funnel-value")], [
            SVGNode("title", text: "\(labels.stage) \(stages[index].label): \(value)"),
            SVGNode("rect", [("x", svgNumber(Self.barLeft)), ("y", svgNumber(y)), ("width", svgNumber(width)),
                             ("height", svgNumber(Self.barHeight)), ("class", group.cssClass)]),
            SVGNode("text", [("x", svgNumber(Self.barLeft + width + 6)), ("y", svgNumber(y + 13)), ("class", "chart-label")], text: value),
        ])
    }
}

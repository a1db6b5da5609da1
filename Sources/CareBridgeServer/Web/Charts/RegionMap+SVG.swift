import Foundation

extension RegionMap {
    /// The map as an `<svg>` element: the regions in the geometry's order (an enclosed region last, on top), a value
    /// label on each, then the legend under the map.
    var svg: String {
        let (width, height) = geometry.size
        let byCode = Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var nodes: [SVGNode] = [
            SVGNode("title", [("id", "\(id)-title")], text: labels.title),
            SVGNode("desc", [("id", "\(id)-desc")], text: labels.summary),
            SVGNode("defs", [], [
                SVGNode("pattern", [("id", "\(id)-hatch"), ("width", "6"), ("height", "6"), ("patternUnits", "userSpaceOnUse"),
                                    ("patternTransform", "rotate(45)")], [
                    SVGNode("rect", [("width", "6"), ("height", "6"), ("class", "map-nodata-ground")]),
                    SVGNode("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6"), ("class", "map-nodata-line")]),
                ]),
            ]),
        ]
        var shapes: [SVGNode] = [], values: [SVGNode] = []
        for outline in geometry.regions {
            let region = byCode[outline.code]
            let name = region?.name ?? outline.code
            let shown = region?.value.map(format.value) ?? labels.noData
            // A region without a value is hatched: its shade must not say "zero" or "low".
            var cssClass = "map-region map-nodata", fill: String? = "url(#\(id)-hatch)"
            if let value = region?.value { (cssClass, fill) = ("map-region map-class-\(classes.index(of: value))", nil) }
            shapes.append(SVGNode("g", [("class", cssClass), ("data-region", outline.code)], [
                SVGNode("title", text: "\(name): \(shown)"),
                SVGNode("path", [("d", outline.path), ("fill", fill), ("fill-rule", "evenodd")]),
            ]))
            if outline.label.count == 2 {
                values.append(SVGNode("text", [("x", svgNumber(outline.label[0])), ("y", svgNumber(outline.label[1] + 4)),
                                               ("text-anchor", "middle"), ("class", "map-value")],
                                      text: region?.value.map(format.value) ?? "–"))
            }
        }
        nodes.append(SVGNode("g", [("class", "map-regions")], shapes))
        nodes.append(SVGNode("g", [("class", "map-values"), ("aria-hidden", "true")], values))

        var y = height + 8
        nodes.append(SVGNode("text", [("x", "8"), ("y", svgNumber(y + 12)), ("class", "chart-label map-legend-title")], text: labels.value))
        y += 20
        let ranges = classes.ranges(format)
        var items = (0..<ChoroplethClasses.count).map { index in
            ChartLegend.Item(label: ranges[index]) { x, y in
                SVGNode("rect", [("x", svgNumber(x)), ("y", svgNumber(y)), ("width", "16"), ("height", "12"), ("class", "map-class-\(index) map-key")])
            }
        }
        items.append(.init(label: labels.noData) { [id] x, y in
            SVGNode("rect", [("x", svgNumber(x)), ("y", svgNumber(y)), ("width", "16"), ("height", "12"), ("fill", "url(#\(id)-hatch)"),
                             ("class", "map-nodata map-key")])
        })
        let legend = ChartLegend(items: items).layout(x: 8, y: y, width: width - 16)
        nodes += legend.nodes
        let total = y + legend.height + 4
        return SVGNode("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(svgNumber(width)) \(svgNumber(total))"),
                               ("width", svgNumber(width)), ("height", svgNumber(total)), ("role", "img"),
                               ("aria-labelledby", "\(id)-title \(id)-desc"), ("class", "chart-svg region-map"), ("direction", "ltr")],
                       nodes).markup
    }
}

/// A legend drawn inside the SVG: a key symbol and its label per item, left to right, wrapping onto a new line when
/// the width runs out. Labels come localized from the caller.
struct ChartLegend {
    struct Item {
        var label: String
        /// The key, drawn in a 16 × 12 box whose top-left corner is at the given point.
        var symbol: (_ x: Double, _ y: Double) -> SVGNode
    }

    var items: [Item]

    static let rowHeight = 20.0

    /// The legend's nodes starting at (x, y) within `width`, and the height it took.
    func layout(x: Double, y: Double, width: Double) -> (nodes: [SVGNode], height: Double) {
        var nodes: [SVGNode] = []
        var (cx, cy) = (x, y)
        for item in items {
            let itemWidth = 22 + estimatedWidth(item.label) + 18
            if cx > x, cx + itemWidth > x + width {
                cx = x
                cy += Self.rowHeight
            }
            nodes.append(SVGNode("g", [("class", "chart-legend-item")], [
                item.symbol(cx, cy),
                SVGNode("text", [("x", svgNumber(cx + 22)), ("y", svgNumber(cy + 10)), ("class", "chart-label")], text: item.label),
            ]))
            cx += itemWidth
        }
        return (nodes, items.isEmpty ? 0 : cy - y + Self.rowHeight)
    }
}

import Plot

/// A chart as a page shows it: the SVG, then its data as a table in a disclosure, open to screen readers and readers
/// without SVG alike (the SVG is `role="img"` with its own title and description).
struct ChartFigure: Component {
    var svg: String
    var tableSummary: String
    var table: Component
    /// Notes on the table, such as what a suppressed cell's symbol means.
    var notes: [String] = []

    var body: Component {
        El("figure", [("class", "chart")]) {
            Node<HTML.BodyContext>.raw(svg)
            El("details", [("class", "chart-data")]) {
                El("summary") { Text(tableSummary) }
                // Plot writes attribute values as given, so the label is escaped here.
                ScrollRegion(label: SVGNode.escape(tableSummary)) { table }
                for note in notes { Paragraph(note).class("chart-note") }
            }
        }
    }
}

import Plot

/// What every chart gives: its SVG, its data table, and, as its body, both together as a page shows them
/// (`ChartFigure`), so a page puts a chart in its content like any other component.
protocol Chart: Component, Sendable {
    /// The `<svg>` element, well-formed XML.
    var svg: String { get }
    /// The same numbers as an HTML `<table>`.
    var table: Component { get }
}

extension Chart {
    var tableHTML: String { table.render() }
    /// The `<figure>`: the SVG and the table in a disclosure.
    var html: String { render() }
}

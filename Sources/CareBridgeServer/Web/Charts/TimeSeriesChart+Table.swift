import Plot

extension TimeSeriesChart {
    /// The chart's numbers as a table, one row a period: what a screen reader reads and what a reader without SVG sees.
    var table: Component {
        Table(caption: TableCaption(labels.title), header: TableRow {
            El("th", [("scope", "col")]) { Text(labels.periodAxis) }
            El("th", [("scope", "col")]) { Text(labels.observed) }
            El("th", [("scope", "col")]) { Text(labels.threshold) }
            if periods.contains(where: { $0.expected != nil }) { El("th", [("scope", "col")]) { Text(labels.expected) } }
            El("th", [("scope", "col")]) { Text(labels.alarm) }
        }) {
            for p in periods {
                El("tr", [("class", p.alarm ? "alarm" : nil)]) {
                    El("th", [("scope", "row")]) { Text(p.label) }
                    El("td", [("class", "count")]) { Text(format.count(p.observed)) }
                    cell(p.upperBound)
                    if periods.contains(where: { $0.expected != nil }) { cell(p.expected) }
                    El("td") { Text(p.alarm ? "▲ \(labels.alarm)" : labels.noAlarm) }
                }
            }
        }.class("data chart-table ts-table")
    }

    func cell(_ value: Double?) -> Component {
        El("td", [("class", value == nil ? "na" : "count")]) { Text(value.map(format.value) ?? labels.notAvailable) }
    }
}

import Plot

extension FunnelChart {
    /// The funnel's numbers as a table: a row per stage, the count and share of the first stage for each group.
    var table: Component {
        let groups = series
        let named = groups.count > 1
        return Table(caption: TableCaption(labels.title), header: TableRow {
            El("th", [("scope", "col")]) { Text(labels.stage) }
            for group in groups {
                El("th", [("scope", "col")]) { Text(named ? "\(group.name): \(labels.count)" : labels.count) }
                El("th", [("scope", "col")]) { Text(named ? "\(group.name): \(labels.percent)" : labels.percent) }
            }
        }) {
            for (index, stage) in stages.enumerated() {
                El("tr") {
                    El("th", [("scope", "row")]) { Text(stage.label) }
                    for group in groups {
                        let count = group.counts[index]
                        El("td", [("class", count == nil ? "suppressed" : "count")]) { Text(shown(count)) }
                        El("td", [("class", "count")]) { Text(count == nil ? "" : group.shares[index].map(format.percent) ?? "") }
                    }
                }
            }
        }.class("data chart-table funnel-table")
    }
}

import Plot

extension RegionMap {
    /// The map's numbers as a table: a row per region, in the caller's order, a region without a value written so.
    var table: Component {
        Table(caption: TableCaption(labels.title), header: TableRow {
            El("th", [("scope", "col")]) { Text(labels.region) }
            El("th", [("scope", "col")]) { Text(labels.value) }
        }) {
            for region in regions {
                El("tr") {
                    El("th", [("scope", "row")]) { Text(region.name) }
                    El("td", [("class", region.value == nil ? "suppressed" : "count")]) { Text(region.value.map(format.value) ?? labels.noData) }
                }
            }
        }.class("data chart-table map-table")
    }
}

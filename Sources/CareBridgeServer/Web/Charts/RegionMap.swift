import Foundation
import Plot

/// A choropleth of a country's regions: each region shaded by its value in one of five classes, a region with no
/// value (suppressed or no data) hatched rather than shaded as zero, each with a `<title>` naming it and its value, a
/// legend, and the same numbers as a table. The outlines are data (`RegionGeometry`), not code. Pure: plain data in,
/// markup out; names and words come localized from the caller.
struct RegionMap: Chart {
    struct Region: Sendable, Equatable {
        /// ISO 3166-2, as in the geometry ("BY-HM").
        var code: String
        var name: String
        /// Nil when suppressed or not known.
        var value: Double?
    }

    struct Labels: Sendable {
        var title: String
        var summary: String
        /// The table's first column ("Region").
        var region: String
        /// What the value is ("Cases per 100,000"): the legend's title and the table's column.
        var value: String
        /// The hatched key's label and what the table writes for a region without a value.
        var noData: String
        var tableSummary: String
    }

    var id: String
    var geometry: RegionGeometry
    var regions: [Region]
    var labels: Labels
    var format: ChartFormat
    var classes: ChoroplethClasses

    /// `bounds`: the four inner class bounds, when the caller wants fixed ones (to compare maps); otherwise round
    /// equal intervals from zero to the largest value.
    init(id: String, geometry: RegionGeometry, regions: [Region], labels: Labels, locale: Locale, bounds: [Double]? = nil) {
        self.id = svgID(id)
        self.geometry = geometry
        self.regions = regions
        self.labels = labels
        self.format = ChartFormat(locale: locale)
        self.classes = ChoroplethClasses(values: regions.compactMap(\.value), bounds: bounds)
    }

    var body: Component { ChartFigure(svg: svg, tableSummary: labels.tableSummary, table: table) }
}

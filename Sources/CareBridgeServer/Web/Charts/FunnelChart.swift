import Foundation
import Plot

/// A cascade as a funnel (diagnosed → on treatment → virally suppressed): a horizontal bar per stage as long as its
/// share of the first stage, optionally a second bar per stage for a comparison group (migrants against citizens).
/// A suppressed count is a marked symbol with a footnote, never a bar of zero. Pure: plain data in, markup out.
struct FunnelChart: Chart {
    struct Stage: Sendable, Equatable {
        var label: String
        /// Nil when the count is suppressed (a small cell).
        var count: Int?
        /// The comparison group's count; nil when suppressed (the chart has a comparison when its label is given).
        var comparison: Int?

        init(label: String, count: Int?, comparison: Int? = nil) {
            self.label = label
            self.count = count
            self.comparison = comparison
        }
    }

    /// Every word the chart shows, already in the reader's language.
    struct Labels: Sendable {
        var title: String
        var summary: String
        /// Column headers of the table.
        var stage: String
        var count: String
        /// "Share of the first stage".
        var percent: String
        /// The group the counts are of ("Migrants"), and the comparison group ("Citizens") or nil for none.
        var group: String
        var comparisonGroup: String? = nil
        /// What a suppressed cell shows ("–"), and the footnote that says why ("Fewer than 5: not shown").
        var suppressed: String = "–"
        var suppressedNote: String
        var tableSummary: String
    }

    var id: String
    var stages: [Stage]
    var labels: Labels
    var format: ChartFormat

    init(id: String, stages: [Stage], labels: Labels, locale: Locale) {
        self.id = svgID(id)
        self.stages = stages
        self.labels = labels
        self.format = ChartFormat(locale: locale)
    }

    /// One bar series: the primary group, then the comparison group if there is one.
    struct Series {
        var name: String
        var counts: [Int?]
        var cssClass: String

        /// Each stage's share of the first stage, when both are shown and the first is not zero.
        var shares: [Double?] {
            guard let first = counts.first ?? nil, first > 0 else { return counts.map { _ in nil } }
            return counts.map { $0.map { Double($0) / Double(first) } }
        }

        /// How long each bar is, from 0 to 1: the share, or without a first stage to compare with, the count against
        /// the largest shown count.
        var lengths: [Double?] {
            if shares.contains(where: { $0 != nil }) { return shares.map { $0.map { min($0, 1) } } }
            let largest = Double(max(counts.compactMap { $0 }.max() ?? 0, 1))
            return counts.map { $0.map { Double($0) / largest } }
        }
    }

    var series: [Series] {
        var all = [Series(name: labels.group, counts: stages.map(\.count), cssClass: "funnel-bar")]
        if let name = labels.comparisonGroup {
            all.append(Series(name: name, counts: stages.map(\.comparison), cssClass: "funnel-bar funnel-bar-comparison"))
        }
        return all
    }

    var hasSuppressed: Bool { series.contains { $0.counts.contains(nil) } }

    /// A count as the chart writes it: the number, or the suppressed symbol with its footnote mark.
    func shown(_ count: Int?) -> String { count.map(format.count) ?? "\(labels.suppressed)*" }

    var body: Component {
        ChartFigure(svg: svg, tableSummary: labels.tableSummary, table: table, notes: hasSuppressed ? ["* \(labels.suppressedNote)"] : [])
    }
}

import Foundation
import Plot

/// A weekly or monthly case series with its detection threshold: observed counts as bars (or a line), the upper
/// bound as a stepped line with a gap where it is NA, the expected count dashed, alarms marked with a triangle
/// (shape and colour), a y axis with round ticks, period labels thinned to fit, a legend; and the same numbers as a
/// table. Pure: plain data in, markup out; every text comes localized from the caller.
struct TimeSeriesChart: Chart {
    struct Period: Sendable, Equatable {
        /// As the caller writes it ("2026-W07", "2026-02").
        var label: String
        var observed: Int
        /// The alarm threshold; nil where the method gives none (NA), drawn as a gap, never as zero.
        var upperBound: Double?
        var expected: Double?
        var alarm: Bool

        init(label: String, observed: Int, upperBound: Double? = nil, expected: Double? = nil, alarm: Bool = false) {
            self.label = label
            self.observed = observed
            self.upperBound = upperBound
            self.expected = expected
            self.alarm = alarm
        }
    }

    /// Every word the chart shows, already in the reader's language.
    struct Labels: Sendable {
        var title: String
        /// One sentence for screen readers: what the chart shows and, say, how many alarms.
        var summary: String
        var periodAxis: String
        var countAxis: String
        var observed: String
        var threshold: String
        var expected: String
        var alarm: String
        /// Written in the table where a threshold or expected count is NA.
        var notAvailable: String
        /// Written in the alarm column where there is none.
        var noAlarm: String
        /// The disclosure that holds the table ("Data table").
        var tableSummary: String
    }

    enum Style: Sendable { case bars, line }

    var id: String
    var periods: [Period]
    var labels: Labels
    var format: ChartFormat
    var style: Style = .bars

    init(id: String, periods: [Period], labels: Labels, locale: Locale, style: Style = .bars) {
        self.id = svgID(id)
        self.periods = periods
        self.labels = labels
        self.format = ChartFormat(locale: locale)
        self.style = style
    }

    /// From parallel columns, as detection writes them (`t, observed, upperbound, alarm`). A period without an
    /// observed count is left out; a threshold or expected column shorter than the periods leaves the rest NA, and
    /// an alarm column shorter than them leaves the rest without alarm.
    init(id: String, periods: [String], observed: [Int], upperBound: [Double?], expected: [Double?] = [], alarms: [Bool],
         labels: Labels, locale: Locale, style: Style = .bars) {
        let rows = zip(periods, observed).enumerated().map { i, pair in
            Period(label: pair.0, observed: pair.1, upperBound: i < upperBound.count ? upperBound[i] : nil,
                   expected: i < expected.count ? expected[i] : nil, alarm: i < alarms.count ? alarms[i] : false)
        }
        self.init(id: id, periods: rows, labels: labels, locale: locale, style: style)
    }

    var body: Component { ChartFigure(svg: svg, tableSummary: labels.tableSummary, table: table) }
}

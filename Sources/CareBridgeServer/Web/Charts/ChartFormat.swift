import Foundation

/// Numbers in the reader's language (digits, separators), for labels, legends and tables.
struct ChartFormat: Sendable {
    var locale: Locale

    func count(_ value: Int) -> String { value.formatted(.number.locale(locale)) }

    /// A threshold or expected count: one decimal under 100, whole numbers above.
    func value(_ value: Double) -> String {
        value.formatted(.number.precision(.fractionLength(0...(abs(value) >= 100 ? 0 : 1))).locale(locale))
    }

    /// A share, such as 0.731, as a whole percentage ("73%", "٧٣٪").
    func percent(_ share: Double) -> String {
        share.formatted(.percent.precision(.fractionLength(0)).locale(locale))
    }
}

/// How wide a label is likely to be, for thinning axis labels and spacing the legend; no font metrics on a server,
/// so an average glyph width is assumed.
func estimatedWidth(_ text: String, fontSize: Double = 12) -> Double { Double(text.count) * fontSize * 0.6 }

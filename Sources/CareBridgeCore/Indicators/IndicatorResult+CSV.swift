import Foundation

extension IndicatorResult {
    /// The result as CSV, one line per published figure: the overall and reference figures, then every breakdown row
    /// (and crossed cell), each beside the reference group's value. A hidden count is empty with `suppressed` true;
    /// a figure without a value names why in `na`.
    public var csv: String {
        var lines = [CSV.line(["indicator", "from", "to", "dimension", "code", "column_dimension", "column_code", "numerator", "denominator", "value",
                               "suppressed", "na", "reference_value"])]
        let referenceValue = reference.value.map(Self.format) ?? ""
        func line(_ f: IndicatorFigure, _ dimension: String, _ code: String, _ columnDimension: String = "", _ columnCode: String = "") {
            lines.append(CSV.line([indicator, from?.description ?? "", to.description, dimension, code, columnDimension, columnCode,
                                   f.numerator.map(String.init) ?? "", f.denominator.map(String.init) ?? "", f.value.map(Self.format) ?? "",
                                   f.suppressed ? "true" : "false", f.na ?? "", referenceValue]))
        }
        line(overall, "overall", "all")
        line(reference, "reference-group", "citizens-and-permanent-residents")
        for breakdown in breakdowns {
            for row in breakdown.rows { line(row.figure, breakdown.dimension.rawValue, row.code) }
        }
        if let t = crossTable {
            for (r, code) in t.rows.enumerated() {
                line(t.rowTotals[r], t.rowDimension.rawValue, code)
                for (c, column) in t.columns.enumerated() { line(t.cells[r][c], t.rowDimension.rawValue, code, t.columnDimension.rawValue, column) }
            }
            for (c, column) in t.columns.enumerated() { line(t.columnTotals[c], "", "", t.columnDimension.rawValue, column) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Values with up to four decimals, no exponent, the same in every locale.
    static func format(_ value: Double) -> String {
        var text = String(format: "%.4f", locale: Locale(identifier: "en_US_POSIX"), value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

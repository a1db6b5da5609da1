/// The CSV that `carebridge detect` reads and writes. In: `series,t,observed` and optionally `date` (ISO, the
/// first day of the period), t = 1, 2, ... without gaps in each series. Out: `series,t,observed,upperbound,alarm`,
/// plus `expected,score,pvalue,phi,trend` for Farrington, `NA` where the R package gives NA.
public enum DetectionCSV {
    public static func read(_ text: String, frequency: Int = 52) throws -> [CaseSeries] {
        let rows = try CSV.parse(text)
        guard let header = rows.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw CareBridgeError.invalid("input", "The CSV is empty; it needs a header series,t,observed[,date].")
        }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let s = column("series"), let t = column("t"), let o = column("observed") else {
            throw CareBridgeError.invalid("input", "The CSV header must name the columns series, t and observed (and optionally date); it has \(header.joined(separator: ",")).")
        }
        let d = column("date")
        var order: [String] = []
        var bySeries: [String: [(t: Int, observed: Int, date: CalendarDay?, line: Int)]] = [:]
        for (line, fields) in rows.dropFirst() {
            guard fields.count == header.count else {
                throw CareBridgeError.invalid("line \(line)", "Line \(line) has \(fields.count) fields; the header has \(header.count).")
            }
            guard let week = Int(fields[t]) else {
                throw CareBridgeError.invalid("t", "Line \(line): t must be a whole number, not '\(fields[t])'.")
            }
            guard let count = Int(fields[o]) else {
                throw CareBridgeError.invalid("observed", "Line \(line): observed must be a whole number of cases, not '\(fields[o])'.")
            }
            guard count >= 0 else {
                throw CareBridgeError.invalid("observed", "Line \(line): a count of cases cannot be negative (\(count)).")
            }
            let date = try d.map { try CalendarDay(parsing: fields[$0], field: "date") }
            let name = fields[s]
            if bySeries[name] == nil { order.append(name) }
            bySeries[name, default: []].append((week, count, date, line))
        }
        guard !order.isEmpty else { throw CareBridgeError.invalid("input", "The CSV has a header but no rows.") }
        return try order.map { name in
            let rows = bySeries[name]!.sorted { $0.t < $1.t }
            for (i, row) in rows.enumerated() where row.t != i + 1 {
                let problem = i == 0 ? "starts at t = \(row.t); t counts from 1"
                    : row.t == rows[i - 1].t ? "has t = \(row.t) twice (lines \(rows[i - 1].line) and \(row.line))"
                    : "jumps from t = \(rows[i - 1].t) to \(row.t) (line \(row.line)); a period without cases needs a row with observed 0"
                throw CareBridgeError.invalid("t", "Series '\(name)' \(problem).")
            }
            return try CaseSeries(name: name, observed: rows.map(\.observed), dates: d == nil ? nil : rows.map { $0.date! }, frequency: frequency)
        }
    }

    public static func header(farrington: Bool) -> String {
        "series,t,observed,upperbound,alarm" + (farrington ? ",expected,score,pvalue,phi,trend" : "")
    }

    public static func lines(series: String, _ rows: [DetectionRow], farrington: Bool) -> [String] {
        rows.map { r in
            var fields = [series, String(r.t), String(r.observed), number(r.upperbound), flag(r.alarm)]
            if farrington { fields += [number(r.expected), number(r.score), number(r.pvalue), number(r.phi), flag(r.trend)] }
            return CSV.line(fields)
        }
    }

    static func number(_ x: Double?) -> String {
        guard let x else { return "NA" }
        if x == .infinity { return "Inf" }
        if x == -.infinity { return "-Inf" }
        return "\(x)"
    }

    static func flag(_ b: Bool?) -> String { b.map { $0 ? "1" : "0" } ?? "NA" }
}

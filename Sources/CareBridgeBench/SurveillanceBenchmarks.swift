import CareBridgeCore
import Foundation

/// Issue 8's detection figures over the series ../shared/bench/gen_series.py draws (1,000 series x 520 weeks by
/// default, as bench/surveillance.sh runs it): EARS C1-C3 over every week, Farrington flexible on the latest week
/// and over every week it can test. Given R's timings of the same work on the same file (r_bench.R and
/// bench/r-retrospective.R output), each row shows R's figure, the ratio, and whether the alarms agree.
extension Benchmarks {
    static func surveillance(options: Options, progress: @Sendable (String) -> Void) async throws -> [Row] {
        guard let path = options.seriesCSV else {
            throw BenchError("The surveillance benchmark needs --series FILE (bench/surveillance.sh makes one with gen_series.py).")
        }
        progress("surveillance: reading \(path)")
        let readStart = ContinuousClock.now
        let series = try DetectionCSV.read(String(contentsOfFile: path, encoding: .utf8))
        let readTime = seconds(readStart.duration(to: .now))
        let weeks = series.map(\.count).max() ?? 0
        let r = try options.rTimings.map { try RTimings(String(contentsOfFile: $0, encoding: .utf8)) } ?? RTimings()
        let size = "\(series.count) series x \(weeks) weeks"
        var rows = [Row(benchmark: "read the CSV (\(size))", database: "—", result: String(format: "%.2f s", readTime), target: "—")]

        func measure(_ method: DetectionMethod, runs: Int) throws -> (time: Double, alarms: Int) {
            var times: [Double] = []
            var alarms = 0
            for _ in 0..<runs {
                let start = ContinuousClock.now
                let results = try OutbreakDetection.run(series, method)
                times.append(seconds(start.duration(to: .now)))
                alarms = results.reduce(0) { $0 + $1.count { $0.alarm == true } }
            }
            return (times.sorted()[runs / 2], alarms)
        }
        func compare(_ ours: (time: Double, alarms: Int), _ theirs: (seconds: Double, alarms: Int?, note: String)?) -> String {
            var text = ours.time < 1 ? String(format: "%.1f ms", ours.time * 1000) : String(format: "%.2f s", ours.time)
            text += " (\(ours.alarms) alarms)"
            guard let theirs else { return text + "; R not run" }
            text += String(format: "; R %.1f s%@ → %.0f× faster", theirs.seconds, theirs.note, theirs.seconds / ours.time)
            if let a = theirs.alarms { text += a == ours.alarms ? ", same alarm count" : ", R \(a) alarms" }
            return text
        }

        var earsTotal = 0.0
        for m in EARSMethod.allCases {
            progress("surveillance: EARS \(m.rawValue)")
            let ours = try measure(.ears(EARSControl(method: m)), runs: 5)
            earsTotal += ours.time
            rows.append(Row(benchmark: "EARS \(m.rawValue), every week (\(size)), median of 5", database: "in memory",
                            result: compare(ours, r.value("R earsC \(m.rawValue)")), target: "C1-C3 together < 50 ms"))
        }
        rows.append(Row(benchmark: "EARS C1 + C2 + C3 (\(size))", database: "in memory",
                        result: String(format: "%.1f ms; R %@", earsTotal * 1000, r.earsTotal.map { String(format: "%.1f s", $0) } ?? "not run"),
                        target: "< 50 ms (R: about 30-40 s)"))

        progress("surveillance: Farrington, latest week")
        var latest = FarringtonControl()
        latest.range = weeks...weeks
        rows.append(Row(benchmark: "Farrington flexible (defaults), latest week of \(size), median of 3", database: "in memory",
                        result: compare(try measure(.farrington(latest), runs: 3), r.value("R farringtonFlexible latest week")),
                        target: "< 1 s (R: about 27 s)"))

        progress("surveillance: Farrington, every week it can test")
        let all = try measure(.farrington(FarringtonControl()), runs: 1)
        let tested = weeks - (52 * 5 + 3)
        rows.append(Row(benchmark: "Farrington flexible (defaults), full retrospective: weeks 264-\(weeks) of \(series.count) series (\(tested * series.count) fits)", database: "in memory",
                        result: compare(all, r.value("R farringtonFlexible retrospective")), target: "< 2 min (R: about 85 min)"))
        return rows
    }

    /// Lines like `R earsC C1: 17.30 s (12 alarms)` and `R farringtonFlexible retrospective: 251.3 s for 50 of 1000
    /// series (4 alarms)`; a partial run is scaled up to all series, and its alarms are not compared.
    struct RTimings {
        var lines: [String] = []
        init() {}
        init(_ text: String) throws { lines = text.split(separator: "\n").map(String.init) }

        func value(_ prefix: String) -> (seconds: Double, alarms: Int?, note: String)? {
            guard let line = lines.first(where: { $0.hasPrefix(prefix + ":") }) else { return nil }
            let rest = line.dropFirst(prefix.count + 1)
            let numbers = rest.split(whereSeparator: { !"0123456789.".contains($0) }).compactMap { Double($0) }
            guard let first = numbers.first else { return nil }
            if rest.contains(" of "), numbers.count >= 3 {
                let (part, whole) = (numbers[1], numbers[2])
                return (first * whole / part, nil, String(format: " (measured on %.0f series, scaled)", part))
            }
            return (first, rest.contains("alarms") && numbers.count >= 2 ? Int(numbers[1]) : nil, "")
        }

        var earsTotal: Double? {
            let parts = EARSMethod.allCases.compactMap { value("R earsC \($0.rawValue)")?.seconds }
            return parts.count == 3 ? parts.reduce(0, +) : nil
        }
    }
}

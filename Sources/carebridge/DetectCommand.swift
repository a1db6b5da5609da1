import ArgumentParser
import CareBridgeCore
import Foundation

/// `carebridge detect`: outbreak detection over a CSV of counts, with the R `surveillance` package's parameters
/// (scripts/surveillance/r-detect.R runs the package with the same options, for comparison).
struct DetectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Run EARS C1-C3 or Farrington flexible over weekly counts (as R surveillance 1.20.3 does).",
        discussion: """
        Input CSV: series,t,observed and optionally date (ISO date of the period's first day; reference weeks are \
        then found by date, otherwise by position, 52 weeks a year). Output: series,t,observed,upperbound,alarm, \
        plus expected,score,pvalue,phi,trend for Farrington; NA where the package gives NA. Defaults are the \
        package's: EARS baseline 7, minSigma 0, alpha 0.001 (C1, C2) or 0.025 (C3); Farrington b 5, w 3, \
        alpha 0.05, weightsThreshold 2.58, pThresholdTrend 0.05, noPeriods 1, pastWeeksNotIncluded w, delta.
        """)

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case earsC1 = "ears-c1", earsC2 = "ears-c2", earsC3 = "ears-c3", farrington
    }

    @Option(help: "ears-c1, ears-c2, ears-c3 or farrington.") var method: Method
    @Option(help: "The CSV of counts.") var input: String
    @Option(help: "Write here instead of standard output.") var output: String?
    @Option(help: "The periods tested, as FROM:TO (t values).") var range: String?
    @Option(help: "Significance level.") var alpha: Double?
    @Option(help: "EARS: weeks in the baseline.") var baseline: Int?
    @Option(name: .customLong("min-sigma"), help: "EARS: floor for the baseline's standard deviation.") var minSigma: Double?
    @Option(name: .customLong("b"), help: "Farrington: years back.") var b: Int?
    @Option(name: .customLong("w"), help: "Farrington: half-window in weeks.") var w: Int?
    @Option(name: .customLong("no-periods"), help: "Farrington: seasonal periods (10 for Noufaily).") var noPeriods: Int?
    @Option(name: .customLong("past-weeks-not-included"), help: "Farrington: recent weeks left out of the baseline.") var pastWeeksNotIncluded: Int?
    @Option(name: .customLong("weights-threshold"), help: "Farrington: Anscombe residual above which a week is down-weighted.") var weightsThreshold: Double?
    @Option(name: .customLong("p-threshold-trend"), help: "Farrington: p-value below which the time trend is kept.") var pThresholdTrend: Double?
    @Option(name: .customLong("threshold-method"), help: "Farrington: delta, nbPlugin or muan.") var thresholdMethod: String?
    @Option(help: "Farrington: CASES,WEEKS; alarm only with at least CASES cases in the last WEEKS weeks (default 5,4).") var limit54: String?
    @Option(help: "Farrington: 2/3, 1/2 or none.") var powertrans: String?
    @Flag(name: .customLong("no-reweight"), help: "Farrington: do not down-weight past outbreaks.") var noReweight = false
    @Flag(name: .customLong("no-trend"), help: "Farrington: never fit a time trend.") var noTrend = false

    func run() async throws {
        try await CommandErrors.report {
            let chosen = try detectionMethod()
            let text = try LocalFile.text(input, field: "input")
            let series = try DetectionCSV.read(text)
            let results = try OutbreakDetection.run(series, chosen)
            var out = DetectionCSV.header(farrington: chosen.isFarrington) + "\n"
            for (s, rows) in zip(series, results) {
                for line in DetectionCSV.lines(series: s.name, rows, farrington: chosen.isFarrington) { out += line + "\n" }
            }
            if let output {
                try LocalFile.write(Data(out.utf8), to: output)
            } else {
                FileHandle.standardOutput.write(Data(out.utf8))
            }
        }
    }

    func detectionMethod() throws -> DetectionMethod {
        let range = try self.range.map(Self.parseRange)
        switch method {
        case .earsC1, .earsC2, .earsC3:
            try refuse(["--b": b, "--w": w, "--no-periods": noPeriods, "--past-weeks-not-included": pastWeeksNotIncluded,
                        "--weights-threshold": weightsThreshold, "--p-threshold-trend": pThresholdTrend, "--threshold-method": thresholdMethod,
                        "--limit54": limit54, "--powertrans": powertrans, "--no-reweight": noReweight ? true : nil, "--no-trend": noTrend ? true : nil])
            let m: EARSMethod = method == .earsC1 ? .c1 : method == .earsC2 ? .c2 : .c3
            return .ears(EARSControl(method: m, alpha: alpha, baseline: baseline ?? 7, minSigma: minSigma ?? 0, range: range))
        case .farrington:
            try refuse(["--baseline": baseline, "--min-sigma": minSigma])
            var c = FarringtonControl()
            c.range = range
            if let alpha { c.alpha = alpha }
            if let b { c.b = b }
            if let w { c.w = w }
            if let noPeriods { c.noPeriods = noPeriods }
            c.pastWeeksNotIncluded = pastWeeksNotIncluded
            if let weightsThreshold { c.weightsThreshold = weightsThreshold }
            if let pThresholdTrend { c.pThresholdTrend = pThresholdTrend }
            if let thresholdMethod {
                guard let t = FarringtonControl.ThresholdMethod(rawValue: thresholdMethod) else {
                    throw CareBridgeError.invalid("threshold-method", "--threshold-method is delta, nbPlugin or muan, not '\(thresholdMethod)'.")
                }
                c.thresholdMethod = t
            }
            if let powertrans {
                guard let p = FarringtonControl.PowerTransform(rawValue: powertrans) else {
                    throw CareBridgeError.invalid("powertrans", "--powertrans is 2/3, 1/2 or none, not '\(powertrans)'.")
                }
                c.powertrans = p
            }
            if let limit54 {
                let parts = limit54.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard parts.count == 2 else { throw CareBridgeError.invalid("limit54", "--limit54 is CASES,WEEKS, e.g. 5,4; not '\(limit54)'.") }
                (c.limit54Cases, c.limit54Weeks) = (parts[0], parts[1])
            }
            c.reweight = !noReweight
            c.trend = !noTrend
            return .farrington(c)
        }
    }

    private func refuse(_ options: [String: Any?]) throws {
        let given = options.filter { $0.value != nil }.keys.sorted()
        guard given.isEmpty else {
            throw CareBridgeError.invalid("method", "\(given.joined(separator: ", ")) \(given.count == 1 ? "does" : "do") not apply to --method \(method.rawValue).")
        }
    }

    static func parseRange(_ text: String) throws -> ClosedRange<Int> {
        let parts = text.split(separator: ":").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let from = parts[0], let to = parts[1], from >= 1, from <= to else {
            throw CareBridgeError.invalid("range", "--range is FROM:TO with 1 <= FROM <= TO, e.g. 282:312; not '\(text)'.")
        }
        return from...to
    }
}

import Foundation
import Testing
@testable import CareBridgeCore

/// EARS and Farrington against the R `surveillance` package's own outputs: the files in ../shared/reference
/// (salmonella.agona with the settings its README gives) and those scripts/surveillance/make-fixtures.sh wrote with
/// scripts/surveillance/r-detect.R (dated weeks, Noufaily's thresholds, flat baselines, synthetic series).
/// Upper bounds within 1e-6 relative for EARS and 1e-3 for Farrington; alarms and NAs identical.
@Suite struct SurveillanceRTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/surveillance")

    static func input(_ name: String) throws -> [CaseSeries] {
        try DetectionCSV.read(String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8))
    }

    /// The R file's rows by column name, NA as nil.
    static func expected(_ name: String) throws -> [[String: String]] {
        let rows = try CSV.parse(String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8))
        let header = rows[0].fields
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
    }

    static func close(_ ours: Double?, _ theirs: String?, relative tolerance: Double, _ what: String) {
        guard let theirs, theirs != "NA" else {
            #expect(ours == nil, "\(what): R gives NA, we give \(String(describing: ours))")
            return
        }
        guard let ours, let r = Double(theirs) else {
            Issue.record("\(what): R gives \(theirs), we give NA")
            return
        }
        let scale = Swift.max(abs(r), 1e-12)
        #expect(abs(ours - r) / scale <= tolerance || abs(ours - r) < 1e-12, "\(what): ours \(ours), R \(r)")
    }

    static func compare(_ ours: [String: [DetectionRow]], with file: String, tolerance: Double, farrington: Bool, series fixed: String? = nil) throws {
        let rows = try expected(file)
        let ours = ours.mapValues { Dictionary(uniqueKeysWithValues: $0.map { ($0.t, $0) }) }
        #expect(rows.count == ours.values.reduce(0) { $0 + $1.count }, "\(file): row count")
        for row in rows {
            let name = fixed ?? row["series"]!
            let t = Int(row["t"]!)!
            guard let mine = ours[name]?[t] else {
                Issue.record("\(file): no result for \(name) t=\(t)")
                continue
            }
            let what = "\(file) \(name) t=\(t)"
            #expect(String(mine.observed) == row["observed"], "\(what) observed")
            close(mine.upperbound, row["upperbound"], relative: tolerance, "\(what) upperbound")
            #expect(DetectionCSV.flag(mine.alarm) == row["alarm"], "\(what) alarm")
            if farrington {
                close(mine.expected, row["expected"], relative: tolerance, "\(what) expected")
                close(mine.phi, row["phi"], relative: tolerance, "\(what) phi")
                close(mine.score, row["score"], relative: 1e-3, "\(what) score")
                close(mine.pvalue, row["pvalue"], relative: 1e-3, "\(what) pvalue")
                #expect(DetectionCSV.flag(mine.trend) == row["trend"], "\(what) trend")
            }
        }
    }

    static func ears(_ input: String, _ control: EARSControl) throws -> [String: [DetectionRow]] {
        Dictionary(uniqueKeysWithValues: try Self.input(input).map { ($0.name, try EARS.detect($0, control)) })
    }

    static func farrington(_ input: String, _ control: FarringtonControl) throws -> [String: [DetectionRow]] {
        Dictionary(uniqueKeysWithValues: try Self.input(input).map { ($0.name, try Farrington.detect($0, control)) })
    }

    @Test(arguments: EARSMethod.allCases)
    func earsMatchesTheSharedReference(_ method: EARSMethod) throws {
        try Self.compare(Self.ears("agona.csv", EARSControl(method: method)), with: "ears_\(method.rawValue)_agona.csv", tolerance: 1e-6, farrington: false, series: "agona")
    }

    @Test(arguments: [
        ("agona.csv", EARSControl(method: .c1, alpha: 0.01, baseline: 10, minSigma: 0.5), "r-ears-c1-agona-options.csv"),
        ("agona.csv", EARSControl(method: .c2, baseline: 5, minSigma: 1), "r-ears-c2-agona-options.csv"),
        ("flat.csv", EARSControl(method: .c1), "r-ears-c1-flat.csv"),
        ("flat.csv", EARSControl(method: .c3), "r-ears-c3-flat.csv"),
        ("synthetic.csv", EARSControl(method: .c1), "r-ears-c1-synthetic.csv"),
        ("synthetic.csv", EARSControl(method: .c2), "r-ears-c2-synthetic.csv"),
        ("synthetic.csv", EARSControl(method: .c3), "r-ears-c3-synthetic.csv"),
    ])
    func earsMatchesR(_ input: String, _ control: EARSControl, _ file: String) throws {
        try Self.compare(Self.ears(input, control), with: file, tolerance: 1e-6, farrington: false)
    }

    @Test func farringtonMatchesTheSharedReference() throws {
        var control1 = FarringtonControl()
        (control1.range, control1.b, control1.w, control1.weightsThreshold, control1.pastWeeksNotIncluded, control1.alpha) = (282...312, 4, 3, 1, 3, 0.1)
        var control2 = control1
        (control2.noPeriods, control2.weightsThreshold, control2.pastWeeksNotIncluded, control2.pThresholdTrend) = (10, 2.58, 26, 1)
        try Self.compare(Self.farrington("agona.csv", control1), with: "farrington_agona_helpcontrol1.csv", tolerance: 1e-3, farrington: true, series: "agona")
        try Self.compare(Self.farrington("agona.csv", control2), with: "farrington_agona_helpcontrol2.csv", tolerance: 1e-3, farrington: true, series: "agona")
    }

    static func control(_ edit: (inout FarringtonControl) -> Void) -> FarringtonControl {
        var c = FarringtonControl()
        edit(&c)
        return c
    }

    @Test(arguments: [
        ("agona.csv", control { $0.range = 270...312 }, "r-farrington-agona-defaults.csv"),
        ("agona-dated.csv", control { $0.range = 270...312 }, "r-farrington-agona-dated.csv"),
        ("agona-dated.csv", control { ($0.range, $0.b, $0.noPeriods, $0.pastWeeksNotIncluded, $0.thresholdMethod) = (282...312, 4, 10, 26, .nbPlugin) }, "r-farrington-agona-nbplugin.csv"),
        ("agona.csv", control { ($0.range, $0.b, $0.noPeriods, $0.pastWeeksNotIncluded, $0.thresholdMethod, $0.alpha) = (282...312, 4, 10, 26, .muan, 0.01) }, "r-farrington-agona-muan.csv"),
        ("agona.csv", control { ($0.range, $0.reweight, $0.trend, $0.powertrans, $0.limit54Cases, $0.limit54Weeks) = (270...312, false, false, .half, 3, 2) }, "r-farrington-agona-plain.csv"),
        ("agona.csv", control { ($0.range, $0.b, $0.w, $0.pastWeeksNotIncluded, $0.powertrans, $0.pThresholdTrend) = (282...312, 4, 2, 1, .none, 1) }, "r-farrington-agona-none.csv"),
        ("synthetic.csv", control { $0.range = 420...520 }, "r-farrington-synthetic.csv"),
        ("synthetic.csv", control { ($0.range, $0.noPeriods, $0.pastWeeksNotIncluded, $0.thresholdMethod) = (490...520, 10, 26, .nbPlugin) }, "r-farrington-synthetic-noufaily.csv"),
    ])
    func farringtonMatchesR(_ input: String, _ control: FarringtonControl, _ file: String) throws {
        try Self.compare(Self.farrington(input, control), with: file, tolerance: 1e-3, farrington: true)
    }
}

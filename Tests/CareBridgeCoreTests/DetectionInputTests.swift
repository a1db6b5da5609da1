import Testing
@testable import CareBridgeCore

/// Bad input to outbreak detection gets a message that says what to fix, never a crash or a silent wrong number.
@Suite struct DetectionInputTests {
    static func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "no error"
    }

    static func weekly(_ n: Int, _ value: (Int) -> Int = { 3 + $0 % 4 }) -> String {
        "series,t,observed\n" + (1...n).map { "s,\($0),\(value($0))" }.joined(separator: "\n")
    }

    @Test func aGapInTIsRefused() {
        #expect(Self.message { _ = try DetectionCSV.read("series,t,observed\na,1,3\na,2,4\na,4,1\n") }.contains("jumps from t = 2 to 4"))
        #expect(Self.message { _ = try DetectionCSV.read("series,t,observed\na,1,3\na,1,4\n") }.contains("t = 1 twice"))
        #expect(Self.message { _ = try DetectionCSV.read("series,t,observed\na,2,3\n") }.contains("counts from 1"))
    }

    @Test func negativeAndNonNumericCountsAreRefused() {
        #expect(Self.message { _ = try DetectionCSV.read("series,t,observed\na,1,3\na,2,-1\n") }.contains("cannot be negative"))
        #expect(Self.message { _ = try DetectionCSV.read("series,t,observed\na,1,three\n") }.contains("whole number"))
        #expect(Self.message { _ = try DetectionCSV.read("week,count\n1,3\n") }.contains("series, t and observed"))
    }

    @Test func datesMustStepByAWeek() {
        let csv = "series,t,date,observed\na,1,2024-01-01,3\na,2,2024-01-08,2\na,3,2024-01-22,4\n"
        #expect(Self.message { _ = try DetectionCSV.read(csv) }.contains("not one week after"))
    }

    @Test func seriesKeepTheirOrderAndRowsMaySitInAnyOrder() throws {
        let series = try DetectionCSV.read("series,t,observed\nb,2,5\nb,1,4\na,1,1\na,2,0\n")
        #expect(series.map(\.name) == ["b", "a"])
        #expect(series[0].observed == [4, 5])
    }

    @Test func tooLittleHistoryForBAndWIsNamed() throws {
        let series = try DetectionCSV.read(Self.weekly(200))[0]
        #expect(Self.message { _ = try Farrington.detect(series, FarringtonControl()) }.contains("too little history for b = 5 and w = 3"))
        var c = FarringtonControl()
        c.b = 3
        c.range = 150...160
        #expect(Self.message { _ = try Farrington.detect(series, c) }.contains("t = 150: too little history"))
        c.range = 160...200
        #expect(try Farrington.detect(series, c).count == 41)
        #expect(Self.message { _ = try EARS.detect(series, EARSControl(method: .c3, range: 5...10)) }.contains("can test weeks 12 to 200"))
        #expect(Self.message { _ = try EARS.detect(series, EARSControl(baseline: 2)) }.contains("at least 3"))
    }

    @Test func anOutbreakRaisesAnAlarmAndQuietWeeksDoNot() throws {
        // Six years of 3-6 cases a week, then 40 in the last week.
        let series = try DetectionCSV.read(Self.weekly(320) { $0 == 320 ? 40 : 3 + $0 % 4 })[0]
        let rows = try Farrington.detect(series, FarringtonControl())
        #expect(rows.last?.alarm == true)
        #expect(rows.dropLast().allSatisfy { $0.alarm == false })
        for method in [EARSMethod.c1, .c2] {
            let ears = try EARS.detect(series, EARSControl(method: method))
            #expect(ears.last?.alarm == true, "\(method)")
        }
        // C3, as the package computes it, alarms when the two weeks before were already high.
        let lasting = try DetectionCSV.read(Self.weekly(320) { $0 >= 318 ? 40 : 3 + $0 % 4 })[0]
        let c3 = try EARS.detect(lasting, EARSControl(method: .c3))
        #expect(c3.last?.alarm == true)
        #expect(try EARS.detect(series, EARSControl(method: .c3)).last?.alarm == false)
    }

    /// A flat baseline leaves C3 without a standard deviation: NA with the reason, as R gives NA.
    @Test func aFlatBaselineGivesNAWithItsReason() throws {
        let series = try DetectionCSV.read(Self.weekly(20) { _ in 2 })[0]
        let rows = try EARS.detect(series, EARSControl(method: .c3))
        #expect(rows.allSatisfy { $0.upperbound == nil && $0.alarm == nil && $0.note != nil })
        #expect(try EARS.detect(series, EARSControl(method: .c3, minSigma: 0.5)).allSatisfy { $0.upperbound != nil })
    }
}

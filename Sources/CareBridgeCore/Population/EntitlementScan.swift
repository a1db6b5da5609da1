import Foundation

/// Entitlements over the whole population: each person's outcome for every care type under a rule set on a day,
/// and under a second one for a simulation, counted overall and broken down by status, citizenship and region.
/// Pregnancy and asylum stage are not in the registry, so a scan reads every person as not pregnant and in no stage.
public struct EntitlementScan: Sendable, Codable {
    /// Counts for one care type.
    public struct CareCounts: Sendable, Hashable, Codable {
        public var care: CareType
        /// People per outcome before and after, indexed by OutcomeKind.rank.
        public var before: [Int]
        public var after: [Int]
        public var gained: Int
        public var lost: Int
        /// Gains and losses per code of the breakdowns' lists (index 0: not recorded).
        public var gainedByStatus: [Int], lostByStatus: [Int]
        public var gainedByCitizenship: [Int], lostByCitizenship: [Int]
        public var gainedByRegion: [Int], lostByRegion: [Int]
    }

    public var day: CalendarDay
    /// People with a status on the day; the others are outside any rule and counted apart.
    public var people: Int
    public var withoutStatus: Int
    public var care: [CareCounts]
    /// The breakdowns' value lists: status codes, then the snapshot's country and region codes (index 0 not recorded).
    public var statuses: [String]
    public var countries: [String]
    public var regions: [String]

    /// Runs `before` (and `after`, or `before` again) over every person alive in the snapshot, in `parts` slices at once.
    public static func run(_ snapshot: PopulationSnapshot, before: DecisionTable, after: DecisionTable? = nil, on day: CalendarDay, parts: Int = 2) async throws -> EntitlementScan {
        guard before.axes.period(day) != nil else {
            throw CareBridgeError.invalid("date", "The rule set \(before.ruleSet.country) \(before.ruleSet.version) answers from \(before.ruleSet.validFrom); \(day) is earlier.")
        }
        let after = after ?? before
        guard after.axes.period(day) != nil else {
            throw CareBridgeError.invalid("date", "The alternative rule set answers from \(after.ruleSet.validFrom); \(day) is earlier.")
        }
        let a = Side(before, snapshot, day), b = Side(after, snapshot, day)
        let rows = snapshot.rows
        let slice = (rows + parts - 1) / max(parts, 1)
        let partials = try await (0..<max(parts, 1)).map { p in (p * slice, min(rows, (p + 1) * slice)) }
            .concurrentMap(parts: parts) { range in Tally.count(snapshot, rows: range.0..<range.1, a, b, day: day.number) }
        var total = Tally(snapshot)
        for part in partials { total.add(part) }
        let nS = LegalStatusKind.allCases.count, nC = snapshot.countries.count, nR = snapshot.regions.count
        let counts = CareType.allCases.enumerated().map { c, type in
            CareCounts(care: type, before: Array(total.before[c * 4..<(c + 1) * 4]), after: Array(total.after[c * 4..<(c + 1) * 4]),
                       gained: total.gained[c], lost: total.lost[c],
                       gainedByStatus: Array(total.gainedStatus[c * nS..<(c + 1) * nS]), lostByStatus: Array(total.lostStatus[c * nS..<(c + 1) * nS]),
                       gainedByCitizenship: Array(total.gainedCountry[c * nC..<(c + 1) * nC]), lostByCitizenship: Array(total.lostCountry[c * nC..<(c + 1) * nC]),
                       gainedByRegion: Array(total.gainedRegion[c * nR..<(c + 1) * nR]), lostByRegion: Array(total.lostRegion[c * nR..<(c + 1) * nR]))
        }
        return EntitlementScan(day: day, people: total.people, withoutStatus: total.withoutStatus, care: counts,
                               statuses: LegalStatusKind.allCases.map(\.rawValue), countries: snapshot.countries, regions: snapshot.regions)
    }

    /// One rule set's table prepared for a snapshot: citizenship classes per country code, the period of the day.
    struct Side: Sendable {
        let ranks: [UInt8]
        let axes: DecisionAxes
        let period: Int
        let classOfCountry: [Int]

        init(_ table: DecisionTable, _ snapshot: PopulationSnapshot, _ day: CalendarDay) {
            ranks = table.ranks
            axes = table.axes
            period = table.axes.period(day)!
            classOfCountry = snapshot.countries.enumerated().map { i, code in table.axes.citizenshipClass(i == 0 ? nil : code) }
        }

        @inline(__always)
        func firstCell(status: Int, country: Int, insured: Bool, age: Int?) -> Int {
            axes.cell(period: period, status: status, citizenship: classOfCountry[country], insured: insured ? 1 : 0,
                      ageBand: axes.ageBand(age), pregnant: 0, stage: 0, care: 0)
        }
    }

    /// Counters of one slice of rows.
    struct Tally: Sendable {
        var people = 0, withoutStatus = 0
        var before: [Int], after: [Int], gained: [Int], lost: [Int]
        var gainedStatus: [Int], lostStatus: [Int], gainedCountry: [Int], lostCountry: [Int], gainedRegion: [Int], lostRegion: [Int]

        init(_ snapshot: PopulationSnapshot) {
            let n = CareType.allCases.count
            before = .init(repeating: 0, count: n * 4); after = before
            gained = .init(repeating: 0, count: n); lost = gained
            gainedStatus = .init(repeating: 0, count: n * LegalStatusKind.allCases.count); lostStatus = gainedStatus
            gainedCountry = .init(repeating: 0, count: n * snapshot.countries.count); lostCountry = gainedCountry
            gainedRegion = .init(repeating: 0, count: n * snapshot.regions.count); lostRegion = gainedRegion
        }

        static func count(_ s: PopulationSnapshot, rows: Range<Int>, _ a: Side, _ b: Side, day: Int32) -> Tally {
            var t = Tally(s)
            let n = CareType.allCases.count
            let nS = LegalStatusKind.allCases.count, nC = s.countries.count, nR = s.regions.count
            for row in rows where s.alive[row] {
                guard let status = s.status(row, on: day) else { t.withoutStatus += 1; continue }
                t.people += 1
                let country = Int(s.citizenship[row]), region = Int(s.region[row])
                let insured = s.insured(row, on: day), age = s.age(row, on: day)
                let x = a.firstCell(status: status, country: country, insured: insured, age: age)
                let y = b.firstCell(status: status, country: country, insured: insured, age: age)
                for c in 0..<n {
                    let r1 = Int(a.ranks[x + c]), r2 = Int(b.ranks[y + c])
                    t.before[c * 4 + r1] += 1
                    t.after[c * 4 + r2] += 1
                    if r2 > r1 {
                        t.gained[c] += 1; t.gainedStatus[c * nS + status] += 1; t.gainedCountry[c * nC + country] += 1; t.gainedRegion[c * nR + region] += 1
                    } else if r2 < r1 {
                        t.lost[c] += 1; t.lostStatus[c * nS + status] += 1; t.lostCountry[c * nC + country] += 1; t.lostRegion[c * nR + region] += 1
                    }
                }
            }
            return t
        }

        mutating func add(_ o: Tally) {
            people += o.people; withoutStatus += o.withoutStatus
            func sum(_ x: inout [Int], _ y: [Int]) { for i in x.indices { x[i] += y[i] } }
            sum(&before, o.before); sum(&after, o.after); sum(&gained, o.gained); sum(&lost, o.lost)
            sum(&gainedStatus, o.gainedStatus); sum(&lostStatus, o.lostStatus); sum(&gainedCountry, o.gainedCountry)
            sum(&lostCountry, o.lostCountry); sum(&gainedRegion, o.gainedRegion); sum(&lostRegion, o.lostRegion)
        }
    }
}

import Foundation

/// What to compute: the breakdown (none: every dimension on its own; one; or two crossed), the period referrals are
/// counted over (by the day they were made), and the day statuses, ages and screening eligibility are read on.
public struct IndicatorQuery: Sendable, Hashable {
    public var dimensions: [IndicatorDimension]
    public var from: CalendarDay?
    public var to: CalendarDay
    /// The country whose citizens are the `citizen` legal status and part of the reference group (ISO 3166-1 alpha-2).
    public var home: String

    public init(dimensions: [IndicatorDimension] = [], from: CalendarDay? = nil, to: CalendarDay, home: String) throws {
        guard dimensions.count <= 2 else {
            throw CareBridgeError.invalid("by", "A breakdown crosses at most two dimensions; \(dimensions.count) were asked for.")
        }
        guard Set(dimensions).count == dimensions.count else { throw CareBridgeError.invalid("by", "A dimension is named twice.") }
        if let from, to < from { throw CareBridgeError.invalid("from", "The period starts (\(from)) after it ends (\(to)).") }
        (self.dimensions, self.from, self.to, self.home) = (dimensions, from, to, home)
    }

    /// The tables to count: each dimension alone when none is named, else the one table asked for.
    public var tables: [[IndicatorDimension]] { dimensions.isEmpty ? IndicatorDimension.allCases.map { [$0] } : [dimensions] }

    /// The tables counted: those asked for, the one-way breakdown of each margin of a crossed table (suppressed alike),
    /// and the legal-status one (the reference group's figure is published as the sum of its rows).
    var scanned: [[IndicatorDimension]] {
        var all = tables
        for d in [IndicatorDimension.legalStatus] + dimensions where !all.contains([d]) { all.append([d]) }
        return all
    }
}

/// The raw counts of one indicator over the snapshot: for the whole population, the reference group and every cell of
/// each table, how many are in the denominator and in the numerator, and (for a median of days) how many waited each
/// number of days. Unsuppressed: `IndicatorResult` publishes them.
public struct IndicatorCounts: Sendable {
    public struct Table: Sendable {
        public var dimensions: [IndicatorDimension]
        public var codes: [[String]]
        public var denominator: [Int]
        public var numerator: [Int]
        /// Per cell, `IndicatorScan.dayBins` counts of days waited (the last: that many or more); empty for proportions.
        public var days: [Int]
    }
    public var overall: Table
    public var reference: Table
    public var tables: [Table]
}

/// One pass over the population snapshot, in parallel chunks each with its own counters (as ScreeningScan).
public enum IndicatorScan {
    /// Days from referral to first attendance are counted 0...365; a longer wait counts as 365.
    public static let dayBins = 366

    public static func count(_ indicator: IndicatorDefinition, reference group: IndicatorCatalog.ReferenceGroup, snapshot: PopulationSnapshot,
                             engine: ScreeningEngine, query: IndicatorQuery) -> IndicatorCounts {
        let layout = Layout(snapshot: snapshot, query: query)
        let den = Compiled(indicator.denominator), num = Compiled(indicator.numerator)
        let needsEligibility = den.eligible || num.eligible
        let median = indicator.measure == .medianDaysToAttendance
        let bins = median ? dayBins : 0
        let cells = layout.cells
        let size = cells * 2 + cells * bins
        let day = query.to.number, todayMonths = Int32(query.to.year * 12 + query.to.month)
        let first = query.from?.serial ?? .min, last = query.to.serial
        let home = snapshot.countryIndex(query.home)
        let passes = needsEligibility ? engine.originPasses(for: snapshot.countries) : []
        let referenceStatuses = group.statuses.reduce(UInt32(0)) { $0 | 1 << UInt32(LegalStatusKind.allCases.firstIndex(of: $1)! + 1) } | (group.citizens ? 1 : 0)
        let rows = snapshot.rows
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 2, rows / 50_000))
        let sink = CountSink(size: size)
        // The tables as flat arrays (offset, then up to two dimensions with their strides; -1: none), and the
        // dimensions any table uses, so the loop reads plain integers.
        let tableCount = layout.tables.count
        let offsets = layout.tables.map(\.offset)
        let firstDim = layout.tables.map { $0.dimensions.first ?? -1 }, firstStride = layout.tables.map { $0.strides.first ?? 0 }
        let secondDim = layout.tables.map { $0.dimensions.count > 1 ? $0.dimensions[1] : -1 }, secondStride = layout.tables.map { $0.strides.count > 1 ? $0.strides[1] : 0 }
        let used = layout.used.map { ($0, IndicatorDimension.allCases[$0]) }
        let legalIndex = IndicatorDimension.allCases.firstIndex(of: .legalStatus)!
        let usesLegal = layout.used.contains(legalIndex)
        let byReferral = indicator.subject == .referrals
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var counts = [Int](repeating: 0, count: size)
            var codes = [Int](repeating: 0, count: IndicatorDimension.allCases.count)
            var cellsOfRow = [Int](repeating: 0, count: tableCount)
            counts.withUnsafeMutableBufferPointer { counts in
                for row in (rows * chunk / chunks)..<(rows * (chunk + 1) / chunks) where snapshot.alive[row] {
                    if byReferral && snapshot.firstReferral[row] < 0 { continue }
                    let bits = snapshot.health[row]
                    var eligible = false
                    if needsEligibility {
                        let arrival = snapshot.arrival[row]
                        eligible = engine.eligibility(originPass: passes[Int(snapshot.origin[row])], monthsSinceArrival: arrival == 0 ? nil : Int(max(0, todayMonths - arrival)),
                                                      age: snapshot.age(row, on: day), hasVaccinationRecord: bits & HealthMilestones.immunizationBit != 0) != 0
                    }
                    guard den.matches(bits, eligible) else { continue }
                    let inNum = num.matches(bits, eligible)
                    // The row's cell in every table, worked out once for the person and each of their referrals.
                    for (d, dimension) in used { codes[d] = snapshot.code(dimension, row: row, day: day, home: home) }
                    let legal = usesLegal ? codes[legalIndex] : snapshot.code(.legalStatus, row: row, day: day, home: home)
                    let isReference = referenceStatuses & (1 << UInt32(legal)) != 0
                    for t in 0..<tableCount {
                        var cell = offsets[t]
                        if firstDim[t] >= 0 { cell += codes[firstDim[t]] * firstStride[t] }
                        if secondDim[t] >= 0 { cell += codes[secondDim[t]] * secondStride[t] }
                        cellsOfRow[t] = cell
                    }
                    // Table 1 is the reference group: counted only for its members.
                    let skip = isReference ? -1 : 1

                    if !byReferral {
                        for t in 0..<tableCount where t != skip {
                            counts[cellsOfRow[t]] += 1
                            if inNum { counts[cells + cellsOfRow[t]] += 1 }
                        }
                        continue
                    }
                    var e = snapshot.firstReferral[row]
                    while e >= 0 {
                        let i = Int(e)
                        e = snapshot.referralNext[i]
                        let created = snapshot.referralCreated[i]
                        guard created >= first, created <= last, den.matches(referral: i, snapshot) else { continue }
                        let numerator = inNum && num.matches(referral: i, snapshot)
                        let attended = snapshot.referralAttended[i]
                        let days = attended == 0 ? -1 : min(max(0, Int(attended - created)), bins - 1)
                        for t in 0..<tableCount where t != skip {
                            let cell = cellsOfRow[t]
                            counts[cell] += 1
                            if numerator {
                                counts[cells + cell] += 1
                                if bins > 0 && days >= 0 { counts[cells * 2 + cell * bins + days] += 1 }
                            }
                        }
                    }
                }
            }
            sink.add(counts)
        }
        return layout.counts(sink.total, bins: bins)
    }

    /// Where each table's cells lie in the flat counters: table 0 the whole population, 1 the reference group, then
    /// the tables asked for, each cell at `offset + Σ code × stride`.
    struct Layout: Sendable {
        var tables: [(dimensions: [Int], codes: [[String]], offset: Int, strides: [Int], size: Int)] = []
        var used: [Int] = []
        var cells = 0

        init(snapshot: PopulationSnapshot, query: IndicatorQuery) {
            for dims in [[], []] + query.scanned.map({ $0.map { IndicatorDimension.allCases.firstIndex(of: $0)! } }) {
                let codes = dims.map { IndicatorDimension.allCases[$0].codes(snapshot) }
                var strides: [Int] = [], stride = 1
                for list in codes.reversed() { strides.insert(stride, at: 0); stride *= list.count }
                tables.append((dims, codes, cells, strides, stride))
                cells += stride
            }
            used = Array(Set(tables.flatMap(\.dimensions))).sorted()
        }

        @inline(__always)
        func cell(_ t: Int, _ codes: [Int]) -> Int {
            let table = tables[t]
            var cell = table.offset
            for (k, d) in table.dimensions.enumerated() { cell += codes[d] * table.strides[k] }
            return cell
        }

        func counts(_ flat: [Int], bins: Int) -> IndicatorCounts {
            let all = tables.map { table in
                IndicatorCounts.Table(dimensions: table.dimensions.map { IndicatorDimension.allCases[$0] }, codes: table.codes,
                                      denominator: Array(flat[table.offset..<table.offset + table.size]),
                                      numerator: Array(flat[cells + table.offset..<cells + table.offset + table.size]),
                                      days: bins == 0 ? [] : Array(flat[cells * 2 + table.offset * bins..<cells * 2 + (table.offset + table.size) * bins]))
            }
            return IndicatorCounts(overall: all[0], reference: all[1], tables: Array(all.dropFirst(2)))
        }
    }

    /// A filter as masks: each milestone condition is "any of these bits"; referral conditions as bit sets of indices.
    struct Compiled: Sendable {
        var milestones: [UInt32] = []
        var eligible = false
        var states: UInt32 = .max
        var attended = false
        /// Bit 0: no code recorded; bit i + 1: `ReferralDeclineCode.allCases[i]`.
        var declines: UInt32 = .max

        init(_ filter: IndicatorFilter) {
            for condition in filter.all {
                switch condition {
                case .milestone(let list): milestones.append(list.reduce(0) { $0 | HealthMilestones.bit($1.disease, $1.stage) })
                case .eligibleForScreening: eligible = true
                case .referralState(let list): states &= list.reduce(0) { $0 | 1 << UInt32(ReferralState.allCases.firstIndex(of: $1)!) }
                case .attended: attended = true
                case .declineCode(let list): declines &= list.reduce(0) { $0 | 1 << UInt32(ReferralDeclineCode.allCases.firstIndex(of: $1)! + 1) }
                }
            }
        }

        @inline(__always)
        func matches(_ bits: UInt32, _ isEligible: Bool) -> Bool {
            if eligible && !isEligible { return false }
            for mask in milestones where bits & mask == 0 { return false }
            return true
        }

        @inline(__always)
        func matches(referral i: Int, _ s: PopulationSnapshot) -> Bool {
            states & (1 << UInt32(s.referralState[i])) != 0 && declines & (1 << UInt32(s.referralDecline[i])) != 0 && (!attended || s.referralAttended[i] != 0)
        }
    }
}

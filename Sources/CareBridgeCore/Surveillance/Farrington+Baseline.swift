/// Which past periods Farrington fits its model to, as the package's algo.farrington.referencetimepoints,
/// blocks and algo.farrington.data.glm choose them.
extension Farrington {
    /// The period's baseline: 0-based indices, the time covariate of each and of the period itself, and the
    /// seasonal factor level of each (all `noPeriods` without a seasonal factor).
    struct Baseline {
        var indices: [Int] = []
        var time: [Double] = []
        var level: [Int] = []
        var timeNow = 0.0
    }

    /// The same period in each of the b past years, latest first, as 0-based indices (the period itself first).
    static func referencePeriods(_ series: CaseSeries, _ k: Int, _ c: FarringtonControl) throws -> [Int] {
        var found: [Int] = []
        if let dates = series.dates {
            let day = dates[k]
            let first = dates[0].dayNumber
            let step = series.frequency == 52 ? 7 : 0
            for back in 0...c.b {
                var target = Self.yearsBack(day, back).dayNumber
                if step == 7 {
                    // The same weekday, in the nearer of the two weeks around the date a calendar year back.
                    let shift = target.weekdayFromSunday - day.dayNumber.weekdayFromSunday
                    let a = target - shift
                    let b = a + (a > target ? -7 : 7)
                    target = abs(a - target) > abs(b - target) ? b : a
                }
                let index: Int?
                if step == 7 {
                    let offset = target - first
                    index = offset >= 0 && offset % 7 == 0 && offset / 7 < dates.count ? offset / 7 : nil
                } else {
                    index = dates.firstIndex { $0.dayNumber == target }
                }
                guard let index else { throw tooShort(series, k, c) }
                found.append(index)
            }
        } else {
            for back in 0...c.b {
                let index = k - back * series.frequency
                guard index >= 0 else { throw tooShort(series, k, c) }
                found.append(index)
            }
        }
        return found
    }

    /// R's seq(date, by = "-1 year"): the same month and day `years` earlier, 29 February becoming 1 March.
    static func yearsBack(_ day: CalendarDay, _ years: Int) -> CalendarDay {
        let year = day.year - years
        if day.month == 2, day.day == 29, CalendarDay.days(inMonth: 2, year: year) == 28 {
            return try! CalendarDay(year: year, month: 3, day: 1)
        }
        return try! CalendarDay(year: year, month: day.month, day: day.day)
    }

    static func tooShort(_ series: CaseSeries, _ k: Int, _ c: FarringtonControl) -> CareBridgeError {
        .invalid("range", "Series '\(series.name)', t = \(k + 1): too little history for b = \(c.b) and w = \(c.w) (\(c.b) years and \(c.w) weeks before it are needed); decrease b or start the range later.")
    }

    static func baseline(_ series: CaseSeries, _ k: Int, _ c: FarringtonControl) throws -> Baseline {
        let reference = try referencePeriods(series, k, c)
        let n = series.count, p = c.noPeriods, w = c.w
        var factor = [Int?](repeating: nil, count: n)
        /// R's x[from:to] <- value: index 0 (here -1) is dropped; a negative one is an error.
        func assign(_ from: Int, _ to: Int, _ value: Int) throws {
            guard Swift.min(from, to) >= -1 else { throw tooShort(series, k, c) }
            // R's from:to counts down when to < from: a block of no weeks still marks two.
            for i in stride(from: from, through: to, by: from <= to ? 1 : -1) where i >= 0 && i < n { factor[i] = value }
        }
        try assign(k - w, k, p)
        for i in 1...c.b {
            let refWeek = reference[i]
            try assign(refWeek - w, refWeek + w, p)
            guard p != 1 else { continue }
            let period = reference[i - 1] - 2 * w - 1 - refWeek
            guard period >= p - (2 * w + 1) else {
                throw CareBridgeError.invalid("noPeriods", "noPeriods = \(p) is too many seasonal periods for the \(period) weeks between windows (\"Number of factors too big!\").")
            }
            var lengths = [0] + Array(repeating: period / (p - 1), count: p - 1)
            for j in 0..<(period % (p - 1)) { lengths[j + 1] += 1 }
            var cumulative = 0
            for j in 1..<p {
                let start = refWeek + w + 1 + cumulative
                cumulative += lengths[j]
                try assign(start, refWeek + w + cumulative, j)
            }
        }
        let leftOut = (k - c.weeksLeftOut)...k
        var b = Baseline()
        for i in 0..<n where factor[i] != nil && !leftOut.contains(i) {
            b.indices.append(i)
            b.level.append(factor[i]!)
        }
        guard let first = b.indices.first else { throw tooShort(series, k, c) }
        if let dates = series.dates {
            let unit = Double(dates.count > 1 ? dates[1].dayNumber - dates[0].dayNumber : 7)
            let origin = dates[first].dayNumber
            b.time = b.indices.map { Double(dates[$0].dayNumber - origin) / unit }
            b.timeNow = Double(dates[k].dayNumber - origin) / unit
        } else {
            b.time = b.indices.map { Double($0 + 1) }
            b.timeNow = Double(k + 1)
        }
        return b
    }
}

extension Int {
    /// 0 for Sunday ... 6 for Saturday (R's format "%w"), for a day number counted from 1970-01-01.
    var weekdayFromSunday: Int { ((self + 4) % 7 + 7) % 7 }
}

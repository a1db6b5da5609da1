/// Weekly or monthly counts of notified cases, the series that live outbreak detection and the dashboards read.
public enum CaseCounts {
    /// Counts per epidemiological week from the week of `from` to `through`, zeros included, each dated by its
    /// first day (so Farrington finds last year's weeks by date).
    public static func weekly(_ days: [CalendarDay], system: EpiWeekSystem = .iso, from: EpiWeek, through: EpiWeek, name: String) throws -> CaseSeries {
        let weeks = from.weeks(to: through) + 1
        guard weeks >= 1 else { throw CareBridgeError.invalid("through", "The series ends (\(through)) before it starts (\(from)).") }
        var counts = Array(repeating: 0, count: weeks)
        let first = from.start.dayNumber
        for day in days {
            let i = (day.dayNumber - first).floorDivided(by: 7)
            if i >= 0 && i < weeks { counts[i] += 1 }
        }
        let dates = (0..<weeks).map { CalendarDay(dayNumber: first + 7 * $0) }
        return try CaseSeries(name: name, observed: counts, dates: dates, frequency: 52)
    }

    /// Counts per calendar month from `from`'s month to `through`'s.
    public static func monthly(_ days: [CalendarDay], from: CalendarDay, through: CalendarDay, name: String) throws -> CaseSeries {
        let start = from.year * 12 + from.month - 1, end = through.year * 12 + through.month - 1
        guard end >= start else { throw CareBridgeError.invalid("through", "The series ends (\(through)) before it starts (\(from)).") }
        var counts = Array(repeating: 0, count: end - start + 1)
        for day in days {
            let i = day.year * 12 + day.month - 1 - start
            if i >= 0 && i < counts.count { counts[i] += 1 }
        }
        let dates = (start...end).map { try! CalendarDay(year: $0 / 12, month: $0 % 12 + 1, day: 1) }
        return try CaseSeries(name: name, observed: counts, dates: dates, frequency: 12)
    }
}

extension Int {
    func floorDivided(by d: Int) -> Int { (self >= 0 ? self : self - d + 1) / d }
}

/// How live detection chooses its method for a series of a given length: Farrington flexible with as many past
/// years as the data has (up to b = 5; with fewer than 3 it fits no trend, as the package does), or EARS C2 while
/// there is less than a year and a window of history. Public-health services may fix the method instead.
public struct LiveDetectionSettings: Sendable, Hashable, Codable {
    public var alpha: Double = 0.05
    /// Years back for Farrington, at most.
    public var years = 5
    public var window = 3
    /// Farrington's Noufaily settings (noPeriods 10, 26 weeks left out, nbPlugin threshold) rather than the original.
    public var noufaily = false
    /// The last weeks whose signals become alerts (1: only the latest complete week).
    public var lookback = 1
    public init() {}

    public func method(forWeeks n: Int) -> DetectionMethod? {
        let b = Swift.min(years, (n - window - 1) / 52)
        if b >= 1 {
            var c = FarringtonControl()
            (c.b, c.w, c.alpha) = (b, window, alpha)
            if noufaily { (c.noPeriods, c.pastWeeksNotIncluded, c.thresholdMethod) = (10, 26, .nbPlugin) }
            c.range = Swift.max(52 * b + window + 1, n - lookback + 1)...n
            return .farrington(c)
        }
        let ears = EARSControl(method: .c2)
        guard n >= ears.maxLag + 1 else { return nil }
        return .ears(EARSControl(method: .c2, range: Swift.max(ears.maxLag + 1, n - lookback + 1)...n))
    }
}

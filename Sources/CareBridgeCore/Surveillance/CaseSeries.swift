/// One series of counts for outbreak detection: week (or month) t = 1, 2, ... with its count, and optionally the
/// date each period starts on. With dates, Farrington finds last year's weeks by date, as the R package does with
/// `epochAsDate`; without, by position, `frequency` periods a year.
public struct CaseSeries: Sendable, Hashable {
    public var name: String
    public var observed: [Int]
    public var dates: [CalendarDay]?
    /// Periods a year: 52 for weekly series, 12 for monthly.
    public var frequency: Int

    public init(name: String, observed: [Int], dates: [CalendarDay]? = nil, frequency: Int = 52) throws {
        (self.name, self.observed, self.dates, self.frequency) = (name, observed, dates, frequency)
        try validate()
    }

    public var count: Int { observed.count }

    /// Counts are never negative; dates, when given, are one per period and step by a week (or a calendar month).
    func validate() throws {
        guard frequency == 52 || frequency == 12 else {
            throw CareBridgeError.invalid("frequency", "Series '\(name)': frequency must be 52 (weekly) or 12 (monthly), not \(frequency).")
        }
        if let t = observed.firstIndex(where: { $0 < 0 }) {
            throw CareBridgeError.invalid("observed", "Series '\(name)', t = \(t + 1): a count of cases cannot be negative (\(observed[t])).")
        }
        guard let dates else { return }
        guard dates.count == observed.count else {
            throw CareBridgeError.invalid("date", "Series '\(name)': every row needs a date, or none may have one.")
        }
        for i in dates.indices.dropFirst() {
            let step = dates[i].dayNumber - dates[i - 1].dayNumber
            let ok = frequency == 52 ? step == 7 : (dates[i].day == dates[i - 1].day && (dates[i].year * 12 + dates[i].month) - (dates[i - 1].year * 12 + dates[i - 1].month) == 1)
            guard ok else {
                throw CareBridgeError.invalid("date", "Series '\(name)', t = \(i + 1): \(dates[i]) is not one \(frequency == 52 ? "week" : "month") after \(dates[i - 1]); a missing period needs its own row with observed 0.")
            }
        }
    }
}

/// What a detection method says about one period; nil is R's NA.
public struct DetectionRow: Sendable, Hashable {
    public var t: Int
    public var observed: Int
    public var upperbound: Double?
    public var alarm: Bool?
    /// Farrington only.
    public var expected: Double?, score: Double?, pvalue: Double?, phi: Double?
    public var trend: Bool?
    /// Why a value is NA, when the method had no answer for this period.
    public var note: String?

    public init(t: Int, observed: Int, upperbound: Double? = nil, alarm: Bool? = nil) {
        (self.t, self.observed, self.upperbound, self.alarm) = (t, observed, upperbound, alarm)
    }
}

extension Double {
    /// R's NA for a computation that gave NaN.
    var orNA: Double? { isNaN ? nil : self }
}

/// R's pmax(0, x): NaN stays NaN.
func pmax0(_ x: Double) -> Double { x.isNaN ? x : Swift.max(0, x) }

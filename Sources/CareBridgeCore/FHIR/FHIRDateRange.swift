import Foundation

/// A FHIR date, dateTime, instant or Period as the half-open range of time it covers (seconds since 1970, UTC), and a
/// date search value with its prefix (http://hl7.org/fhir/R4/search.html#prefix): "2024" is all of 2024, so
/// `date=2024` finds a test taken on 2024-05-03 and `date=ge2024-06` finds everything from June on.
public struct FHIRDateRange: Sendable, Equatable {
    public enum Prefix: String, Sendable, CaseIterable { case eq, ne, gt, lt, ge, le, sa, eb, ap }
    public var lower: Double
    public var upper: Double
    public var prefix: Prefix = .eq

    init(lower: Double, upper: Double) { (self.lower, self.upper) = (lower, upper) }

    /// A search value: an optional two-letter prefix, then a date, a dateTime or an instant.
    public init(parameter: String, field: String) throws {
        var text = Substring(parameter)
        if let prefix = Prefix(rawValue: String(text.prefix(2))), text.count > 2, text[text.index(text.startIndex, offsetBy: 2)].isNumber {
            self.prefix = prefix
            text = text.dropFirst(2)
        }
        guard let range = Self.parse(String(text)) else {
            throw CareBridgeError.invalid(field, "\(field) '\(parameter)' is not a FHIR date such as 2024, 2024-03, 2024-03-15 or 2024-03-15T10:00:00Z, with an optional prefix (eq, ne, gt, lt, ge, le, sa, eb, ap).")
        }
        (lower, upper) = (range.lower, range.upper)
    }

    /// The range of a resource's value: a date string or a Period.
    public init?(target: JSON) {
        switch target {
        case .string(let text):
            guard let range = Self.parse(text) else { return nil }
            self = range
        case .object(let members):
            let start = members["start"]?.string.flatMap(Self.parse), end = members["end"]?.string.flatMap(Self.parse)
            guard start != nil || end != nil else { return nil }
            self.init(lower: start?.lower ?? -.infinity, upper: end?.upper ?? .infinity)
        default: return nil
        }
    }

    /// Whether a target range meets this search value.
    public func matches(_ target: FHIRDateRange) -> Bool {
        let contained = target.lower >= lower && target.upper <= upper
        switch prefix {
        case .eq: return contained
        case .ne: return !contained
        case .gt: return target.upper > upper
        case .lt: return target.lower < lower
        case .ge: return target.upper > upper || contained
        case .le: return target.lower < lower || contained
        case .sa: return target.lower >= upper
        case .eb: return target.upper <= lower
        case .ap: return target.lower < upper && target.upper > lower
        }
    }

    /// YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DDThh:mm[:ss[.fff]](Z|±hh:mm).
    static func parse(_ text: String) -> FHIRDateRange? {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard let datePart = parts.first else { return nil }
        let fields = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(fields.count), fields[0].count == 4, let year = Int(fields[0]),
              fields.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
        let month = fields.count > 1 ? Int(fields[1]) : nil, day = fields.count > 2 ? Int(fields[2]) : nil
        if fields.count > 1, month == nil || !(1...12).contains(month!) { return nil }
        if let month, let day, !(1...CalendarDay.days(inMonth: month, year: year)).contains(day) { return nil }
        guard let first = try? CalendarDay(year: year, month: month ?? 1, day: day ?? 1) else { return nil }
        let start = first.start.timeIntervalSince1970
        guard parts.count == 2 else {
            let end: CalendarDay
            if day != nil { end = CalendarDay(dayNumber: first.dayNumber + 1) }
            else if let month { end = month == 12 ? try! CalendarDay(year: year + 1, month: 1, day: 1) : try! CalendarDay(year: year, month: month + 1, day: 1) }
            else { end = try! CalendarDay(year: year + 1, month: 1, day: 1) }
            return FHIRDateRange(lower: start, upper: end.start.timeIntervalSince1970)
        }
        guard day != nil else { return nil }
        var time = Substring(parts[1])
        var offset = 0.0
        if time.hasSuffix("Z") {
            time = time.dropLast()
        } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = time[time.index(after: sign)...].split(separator: ":")
            guard zone.count == 2, let h = Int(zone[0]), let m = Int(zone[1]), h <= 14, m < 60 else { return nil }
            offset = Double(h * 3600 + m * 60) * (time[sign] == "-" ? -1 : 1)
            time = time[..<sign]
        } else {
            return nil  // a time needs its zone (FHIR dateTime)
        }
        let hms = time.split(separator: ":")
        guard hms.count >= 2, hms.count <= 3, let h = Int(hms[0]), let m = Int(hms[1]), h < 24, m < 60 else { return nil }
        var seconds = Double(h * 3600 + m * 60), width = 60.0
        if hms.count == 3 {
            guard let s = Double(hms[2]), s >= 0, s < 61 else { return nil }
            let fraction = hms[2].split(separator: ".").dropFirst().first?.count ?? 0
            seconds += s
            width = pow(10, -Double(fraction))
        }
        let lower = start + seconds - offset
        return FHIRDateRange(lower: lower, upper: lower + width)
    }
}

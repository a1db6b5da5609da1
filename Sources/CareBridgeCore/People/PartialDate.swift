import Foundation

/// A date known to a year, a month or a day. Many migrants know only their year of birth, and
/// arrival is recorded as month and year (WHO core variables for identifying migrants in
/// health information systems, WHO Europe 2020); guessing a day would invent data.
public struct PartialDate: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Precision: String, Codable, Sendable { case year, month, day }

    public let year: Int
    public let month: Int?
    public let day: Int?

    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `finest` limits the precision allowed (arrival is month at most).
    public init(parsing text: String, field: String, finest: Precision = .day) throws {
        let parts = text.trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let shapes = finest == .day ? "YYYY, YYYY-MM or YYYY-MM-DD" : finest == .month ? "YYYY or YYYY-MM" : "YYYY"
        let allowed = finest == .day ? 3 : finest == .month ? 2 : 1
        guard (1...allowed).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              let y = Int(parts[0]) else {
            throw CareBridgeError.invalid(field, "\(field) must be written \(shapes); '\(text)' is not.")
        }
        let m = parts.count > 1 ? Int(parts[1]) : nil
        let d = parts.count > 2 ? Int(parts[2]) : nil
        if parts.count > 1, m == nil { throw CareBridgeError.invalid(field, "\(field) must be written \(shapes); '\(text)' is not.") }
        if parts.count > 2, d == nil { throw CareBridgeError.invalid(field, "\(field) must be written \(shapes); '\(text)' is not.") }
        try self.init(year: y, month: m, day: d, field: field)
    }

    public init(year: Int, month: Int? = nil, day: Int? = nil, field: String = "date") throws {
        guard (1...9999).contains(year) else { throw CareBridgeError.invalid(field, "\(field) has an impossible year \(year).") }
        if let month, !(1...12).contains(month) { throw CareBridgeError.invalid(field, "\(field) has an impossible month \(month).") }
        if let day {
            guard let month else { throw CareBridgeError.invalid(field, "\(field) gives a day without a month.") }
            guard (1...CalendarDay.days(inMonth: month, year: year)).contains(day) else {
                throw CareBridgeError.invalid(field, "\(field) \(year)-\(month)-\(day) is not a date in the calendar.")
            }
        }
        (self.year, self.month, self.day) = (year, month, day)
    }

    public var description: String {
        switch (month, day) {
        case let (m?, d?): "\(year.padded(4))-\(m.padded(2))-\(d.padded(2))"
        case let (m?, nil): "\(year.padded(4))-\(m.padded(2))"
        default: year.padded(4)
        }
    }

    /// The earliest day the date can mean (1 January for a year, the 1st for a month).
    public var earliestDay: CalendarDay { try! CalendarDay(year: year, month: month ?? 1, day: day ?? 1) }

    /// Refuses a date that cannot have happened yet, or is implausibly far back.
    public func validate(field: String, notAfter today: CalendarDay, maxYearsBack: Int = 130) throws {
        if earliestDay > today { throw CareBridgeError.invalid(field, "\(field) \(description) is in the future.") }
        if year < today.year - maxYearsBack { throw CareBridgeError.invalid(field, "\(field) \(description) is more than \(maxYearsBack) years ago.") }
    }

    /// Age in whole years on `day`, the lowest the partial date allows (a child born "2010" is counted younger, never older).
    public func age(on day: CalendarDay) -> Int {
        let latest = (month ?? 12, self.day ?? CalendarDay.days(inMonth: month ?? 12, year: year))
        var age = day.year - year
        if (day.month, day.day) < latest { age -= 1 }
        return max(0, age)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text, field: decoder.codingPath.last?.stringValue ?? "date")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

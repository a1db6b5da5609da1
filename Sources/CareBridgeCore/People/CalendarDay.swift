import Foundation

/// A calendar date without a time or zone (`2025-03-18`): what statuses, policies and entitlement
/// questions are dated by. Stored and exchanged as ISO 8601 text, which also sorts correctly.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) throws {
        guard (1...9999).contains(year), (1...12).contains(month), (1...CalendarDay.days(inMonth: month, year: year)).contains(day) else {
            throw CareBridgeError.invalid("date", "\(year)-\(month)-\(day) is not a date in the calendar.")
        }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Parses `YYYY-MM-DD`; the error names `field`.
    public init(parsing text: String, field: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else {
            throw CareBridgeError.invalid(field, "\(field) must be a date written YYYY-MM-DD; '\(text)' is not.")
        }
        do { try self.init(year: y, month: m, day: d) } catch {
            throw CareBridgeError.invalid(field, "\(field) '\(text)' is not a date in the calendar.")
        }
    }

    /// The UTC calendar day of an instant.
    public init(_ date: Date) {
        let c = Calendar.utc.dateComponents([.year, .month, .day], from: date)
        (year, month, day) = (c.year!, c.month!, c.day!)
    }

    public var description: String {
        "\(year.padded(4))-\(month.padded(2))-\(day.padded(2))"
    }

    /// Midnight UTC at the start of the day.
    public var start: Date { Calendar.utc.date(from: DateComponents(year: year, month: month, day: day))! }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let field = decoder.codingPath.last?.stringValue ?? "date"
        try self.init(parsing: text, field: field)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Calendar {
    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}

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
        // The usual shape, digits only, read straight from the bytes (this parse showed in bulk-load profiles);
        // anything else takes the general path below, which gives the same answers.
        if let (y, m, d) = Self.digits(text) {
            do { try self.init(year: y, month: m, day: d) } catch {
                throw CareBridgeError.invalid(field, "\(field) '\(text)' is not a date in the calendar.")
            }
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else {
            throw CareBridgeError.invalid(field, "\(field) must be a date written YYYY-MM-DD; '\(text)' is not.")
        }
        do { try self.init(year: y, month: m, day: d) } catch {
            throw CareBridgeError.invalid(field, "\(field) '\(text)' is not a date in the calendar.")
        }
    }

    /// Year, month and day of `YYYY-MM-DD` written in ASCII digits, else nil.
    static func digits(_ text: String) -> (Int, Int, Int)? {
        var text = text
        return text.withUTF8 { u -> (Int, Int, Int)? in
            guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
            var values = (0, 0, 0)
            for (i, byte) in u.enumerated() where i != 4 && i != 7 {
                guard (48...57).contains(byte) else { return nil }
                let digit = Int(byte) - 48
                switch i {
                case ..<4: values.0 = values.0 * 10 + digit
                case ..<7: values.1 = values.1 * 10 + digit
                default: values.2 = values.2 * 10 + digit
                }
            }
            return values
        }
    }

    /// The UTC calendar day of an instant.
    public init(_ date: Date) {
        let c = Calendar.utc.dateComponents([.year, .month, .day], from: date)
        (year, month, day) = (c.year!, c.month!, c.day!)
    }

    public var description: String {
        // Written as bytes (stored statuses and policies are dated by millions of these); years are 1...9999.
        String(unsafeUninitializedCapacity: 10) { out in
            func put(_ value: Int, from start: Int, width: Int) {
                var rest = value
                for i in stride(from: start + width - 1, through: start, by: -1) {
                    out[i] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, from: 0, width: 4)
            put(month, from: 5, width: 2)
            put(day, from: 8, width: 2)
            out[4] = UInt8(ascii: "-")
            out[7] = UInt8(ascii: "-")
            return 10
        }
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

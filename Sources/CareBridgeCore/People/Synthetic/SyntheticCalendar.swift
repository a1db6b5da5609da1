/// Proleptic Gregorian day numbers (days since 1970-01-01) and `YYYY-MM-DD` text, without Foundation's
/// Calendar, which is far too slow for a million people.
/// Algorithms from Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".
enum SyntheticCalendar {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int { CalendarDay.dayNumber(year: y, month: m, day: d) }

    static func civil(_ day: Int) -> (year: Int, month: Int, day: Int) { CalendarDay.civil(day) }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func text(_ day: Int) -> String {
        let c = civil(day)
        return text(c.year, c.month, c.day)
    }

    static func text(_ y: Int, _ m: Int, _ d: Int) -> String { ascii(y, m, d, length: 10) }
    static func yearMonthText(_ y: Int, _ m: Int) -> String { ascii(y, m, 0, length: 7) }
    static func yearText(_ y: Int) -> String { ascii(y, 0, 0, length: 4) }

    /// Parses `YYYY-MM-DD`; nil if malformed or not a real date.
    static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...daysInMonth(y, m)).contains(d) else { return nil }
        return day(y, m, d)
    }

    private static func ascii(_ y: Int, _ m: Int, _ d: Int, length: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buffer in
            buffer[0] = 48 + UInt8(y / 1000 % 10)
            buffer[1] = 48 + UInt8(y / 100 % 10)
            buffer[2] = 48 + UInt8(y / 10 % 10)
            buffer[3] = 48 + UInt8(y % 10)
            buffer[4] = 45
            buffer[5] = 48 + UInt8(m / 10)
            buffer[6] = 48 + UInt8(m % 10)
            buffer[7] = 45
            buffer[8] = 48 + UInt8(d / 10)
            buffer[9] = 48 + UInt8(d % 10)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0 ..< length]), as: UTF8.self)
        }
    }
}

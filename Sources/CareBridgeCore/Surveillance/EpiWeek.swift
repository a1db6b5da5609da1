/// The two epidemiological week systems in use. Both start week 1 on the week that holds 4 January, so both have
/// 53-week years, and they disagree near the new year: 2026-01-01 is ISO 2026-W01 but MMWR 2025 week 53.
/// Sources: ISO 8601-1:2019 §5.2.2 (week dates; Monday–Sunday, week 1 holds the year's first Thursday); CDC,
/// "MMWR Week Fact Sheet" (Sunday–Saturday, week 1 is the first week with at least four days in the year),
/// https://wwwn.cdc.gov/nndss/document/MMWR_Week_overview.pdf
public enum EpiWeekSystem: String, Codable, Sendable, CaseIterable {
    /// Used in Europe and by ECDC/WHO Europe: weeks run Monday to Sunday.
    case iso
    /// Used by CDC and in the Americas: weeks run Sunday to Saturday.
    case mmwr

    /// Days from Monday to the week's first day.
    var startOffset: Int { self == .iso ? 0 : -1 }
}

/// One epidemiological week: `2026-W01` (ISO) or `2025-53` (MMWR).
public struct EpiWeek: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let system: EpiWeekSystem
    public let year: Int
    public let week: Int

    public init(system: EpiWeekSystem, year: Int, week: Int) throws {
        guard (1...9999).contains(year), (1...EpiWeek.weeks(in: year, system)).contains(week) else {
            throw CareBridgeError.invalid("week", "\(system == .iso ? "ISO" : "MMWR") year \(year) has no week \(week).")
        }
        (self.system, self.year, self.week) = (system, year, week)
    }

    /// The week a day falls in.
    public init(_ day: CalendarDay, system: EpiWeekSystem) {
        let n = day.dayNumber
        var year = day.year
        if n < Self.firstDay(of: year, system) {
            year -= 1
        } else if n >= Self.firstDay(of: year + 1, system) {
            year += 1
        }
        (self.system, self.year, self.week) = (system, year, (n - Self.firstDay(of: year, system)) / 7 + 1)
    }

    /// The week's first day (a Monday for ISO, a Sunday for MMWR).
    public var start: CalendarDay { CalendarDay(dayNumber: Self.firstDay(of: year, system) + 7 * (week - 1)) }
    /// The week's last day.
    public var end: CalendarDay { CalendarDay(dayNumber: start.dayNumber + 6) }

    public func adding(weeks: Int) -> EpiWeek { EpiWeek(CalendarDay(dayNumber: start.dayNumber + 7 * weeks), system: system) }

    /// Weeks from `self` to `other` (positive when `other` is later).
    public func weeks(to other: EpiWeek) -> Int { (other.start.dayNumber - start.dayNumber) / 7 }

    /// 52 or 53.
    public static func weeks(in year: Int, _ system: EpiWeekSystem) -> Int {
        (firstDay(of: year + 1, system) - firstDay(of: year, system)) / 7
    }

    /// The day number of week 1's first day: the week holding 4 January.
    static func firstDay(of year: Int, _ system: EpiWeekSystem) -> Int {
        let jan4 = CalendarDay.dayNumber(year: year, month: 1, day: 4)
        return jan4 - (jan4.weekdayFromMonday - system.startOffset) % 7
    }

    /// `2026-W01` for ISO, `2025-53` for MMWR (the CDC's writing).
    public var description: String {
        let w = week < 10 ? "0\(week)" : "\(week)"
        return system == .iso ? "\(year)-W\(w)" : "\(year)-\(w)"
    }

    /// Reads `2026-W01`, `2026W01` (ISO) or `2025-53` (MMWR), as `system` says.
    public init(parsing text: String, system: EpiWeekSystem, field: String = "week") throws {
        var digits = text.uppercased().replacingOccurrences(of: "-", with: "")
        if system == .iso, let w = digits.firstIndex(of: "W") { digits.remove(at: w) }
        guard digits.count == 6, digits.allSatisfy(\.isASCIIDigit), let y = Int(digits.prefix(4)), let w = Int(digits.suffix(2)) else {
            throw CareBridgeError.invalid(field, "\(field) must be written \(system == .iso ? "YYYY-Www, e.g. 2026-W07" : "YYYY-ww, e.g. 2026-07"); '\(text)' is not.")
        }
        do { try self.init(system: system, year: y, week: w) } catch {
            throw CareBridgeError.invalid(field, "\(field) '\(text)': \(system == .iso ? "ISO" : "MMWR") year \(y) has \(Self.weeks(in: y, system)) weeks.")
        }
    }

    public static func < (a: EpiWeek, b: EpiWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Int {
    /// 0 for Monday ... 6 for Sunday, for a day number counted from 1970-01-01 (a Thursday).
    var weekdayFromMonday: Int { ((self + 3) % 7 + 7) % 7 }
}

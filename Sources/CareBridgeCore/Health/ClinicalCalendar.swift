import Foundation

extension CalendarDay {
    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDay {
        CalendarDay(start.addingTimeInterval(Double(days) * 86_400))
    }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: CalendarDay) -> Int {
        Int((other.start.timeIntervalSince(start) / 86_400).rounded())
    }
}

extension PartialDate {
    /// Whole months from the date to `day`, counting an unknown month as the year's last (so never more than the truth).
    public func monthsElapsed(until day: CalendarDay) -> Int {
        let months = (day.year - year) * 12 + (day.month - (month ?? 12))
        return max(0, self.day.map { months - (day.day < $0 ? 1 : 0) } ?? months)
    }
}

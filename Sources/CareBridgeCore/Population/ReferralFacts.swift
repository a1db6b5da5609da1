import Foundation

/// What the population snapshot keeps of one referral for the equity indicators: when it was made, when the person
/// first attended, where it stands, and the coded reason when it was declined.
public struct ReferralFacts: Sendable, Hashable {
    public var created: CalendarDay
    public var firstAttended: CalendarDay?
    public var state: ReferralState
    public var declineCode: ReferralDeclineCode?

    public init(created: CalendarDay, firstAttended: CalendarDay? = nil, state: ReferralState, declineCode: ReferralDeclineCode? = nil) {
        (self.created, self.firstAttended, self.state, self.declineCode) = (created, firstAttended, state, declineCode)
    }
}

extension CalendarDay {
    /// Days since 1970-01-01 (negative before), so intervals are a subtraction in a scan (Hinnant's days_from_civil).
    public var serial: Int32 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146_097 + doe - 719_468)
    }

    /// The day of a serial number (civil_from_days).
    public init(serial: Int32) {
        let z = Int(serial) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        // Always a valid date: the arithmetic yields one.
        try! self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }
}

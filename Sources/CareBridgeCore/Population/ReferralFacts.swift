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
    /// Days since 1970-01-01 as the snapshot stores them, so intervals are a subtraction in a scan.
    public var serial: Int32 { Int32(dayNumber) }

    /// The day of a serial number.
    public init(serial: Int32) { self.init(dayNumber: Int(serial)) }
}

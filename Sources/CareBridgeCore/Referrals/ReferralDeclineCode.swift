/// Why a receiver declined a referral, as a code the equity indicators count ("care declined for cost"), beside the
/// free-text reason shown to the sender. The categories follow the reasons for unmet need for care that Eurostat's
/// EU-SILC asks about (too expensive; waiting list or no capacity; not eligible), with the rest as `other`.
public enum ReferralDeclineCode: String, CaseIterable, Codable, Sendable, Hashable {
    case cost
    case capacity
    case notEligible = "not-eligible"
    case other
}

extension ReferralDeclineCode: TypedCode { public static var field: String { "declineCode" } }

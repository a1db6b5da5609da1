extension Role {
    /// Whether the role may ever send or receive referrals: it touches referral metadata (the policy still decides each person).
    public var handlesReferrals: Bool {
        AccessPolicy.categories(for: self).contains(.referralMetadata)
    }
}

import Foundation

/// The indicators in force (Resources/reference/indicators.json, replaceable by a platform administrator) and the
/// reference group each breakdown is compared with.
public struct IndicatorCatalog: Codable, Sendable, Hashable {
    /// The group whose figure every breakdown row is shown against: the country's citizens and the listed statuses.
    public struct ReferenceGroup: Codable, Sendable, Hashable {
        public var citizens: Bool
        public var statuses: [LegalStatusKind]
        public init(citizens: Bool = true, statuses: [LegalStatusKind] = [.permanentResidence]) { (self.citizens, self.statuses) = (citizens, statuses) }
    }

    public var about: String?
    public var referenceGroup: ReferenceGroup
    public var indicators: [IndicatorDefinition]

    public init(about: String? = nil, referenceGroup: ReferenceGroup = ReferenceGroup(), indicators: [IndicatorDefinition]) {
        (self.about, self.referenceGroup, self.indicators) = (about, referenceGroup, indicators)
    }

    public func indicator(_ id: String) -> IndicatorDefinition? { indicators.first { $0.id == id } }

    /// Parses and checks a catalog: ids unique and URL-safe, referral conditions only on referral indicators, a median
    /// of days only over referrals.
    public static func parse(_ data: Data) throws -> IndicatorCatalog {
        let catalog = try JSONDecoder().decode(IndicatorCatalog.self, from: data)
        var seen: Set<String> = []
        for (i, indicator) in catalog.indicators.enumerated() {
            let path = "indicators[\(i)]"
            guard indicator.id.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil else {
                throw CareBridgeError.invalid("\(path).id", "'\(indicator.id)' is not an indicator id (lower-case letters, digits and single hyphens).")
            }
            guard seen.insert(indicator.id).inserted else { throw CareBridgeError.invalid("\(path).id", "The id '\(indicator.id)' is used twice.") }
            guard !indicator.title.isEmpty, !indicator.source.organization.isEmpty, !indicator.source.document.isEmpty else {
                throw CareBridgeError.invalid(path, "\(indicator.id) needs a title key and a source (organization and document).")
            }
            if indicator.subject == .people {
                for (name, filter) in [("denominator", indicator.denominator), ("numerator", indicator.numerator)] where filter.all.contains(where: \.isAboutReferrals) {
                    throw CareBridgeError.invalid("\(path).\(name)", "\(indicator.id) counts people; referral conditions (referralState, attended, declineCode) need \"subject\": \"referrals\".")
                }
            }
            if indicator.measure == .medianDaysToAttendance, indicator.subject != .referrals || !indicator.numerator.all.contains(.attended) {
                throw CareBridgeError.invalid("\(path).measure", "\(indicator.id): days from referral to attendance are measured over referrals, with `attended` in the numerator.")
            }
        }
        return catalog
    }
}

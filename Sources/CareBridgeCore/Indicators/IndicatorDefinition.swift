import Foundation

/// An indicator as data (Resources/reference/indicators.json): what is counted (people or referrals), a denominator
/// and a numerator each a filter over them, how the figure is measured, and who defines it, as rule sets name their
/// legal basis. The numerator counts only what is also in the denominator.
public struct IndicatorDefinition: Codable, Sendable, Hashable {
    /// What one unit of the count is.
    public enum Subject: String, Codable, Sendable, CaseIterable { case people, referrals }
    /// A share of the denominator, or the median days from referral to first attendance over the numerator.
    public enum Measure: String, Codable, Sendable, CaseIterable {
        case proportion
        case medianDaysToAttendance = "median-days-to-attendance"
    }

    public var id: String
    /// Localization keys of the indicator's name and one-line explanation.
    public var title: String
    public var description: String
    public var subject: Subject
    public var measure: Measure
    public var denominator: IndicatorFilter
    public var numerator: IndicatorFilter
    public var source: IndicatorSource

    public init(id: String, title: String, description: String, subject: Subject, measure: Measure = .proportion,
                denominator: IndicatorFilter, numerator: IndicatorFilter, source: IndicatorSource) {
        (self.id, self.title, self.description, self.subject, self.measure) = (id, title, description, subject, measure)
        (self.denominator, self.numerator, self.source) = (denominator, numerator, source)
    }
}

/// Who defines an indicator, and where (the WHO definition of TB treatment success, UNAIDS 95-95-95...).
public struct IndicatorSource: Codable, Sendable, Hashable {
    public var organization: String
    public var document: String
    public var url: String?
    /// How CareBridge reads the definition off its registry, where that needs saying.
    public var note: String?
    public init(organization: String, document: String, url: String? = nil, note: String? = nil) {
        (self.organization, self.document, self.url, self.note) = (organization, document, url, note)
    }
}

/// All of the conditions must hold; no condition means everyone (every referral).
public struct IndicatorFilter: Codable, Sendable, Hashable {
    public var all: [IndicatorCondition]
    public init(all: [IndicatorCondition]) { self.all = all }
}

/// One condition of a filter, written in the file as an object with one key.
public enum IndicatorCondition: Codable, Sendable, Hashable {
    /// The person reached at least one of these care-cascade stages ("tuberculosis/treatment-started").
    case milestone([Milestone])
    /// The screening rules recommend at least one screening for the person on the day (the cascade's `eligible`).
    case eligibleForScreening
    /// The referral is in one of these states.
    case referralState([ReferralState])
    /// The person attended the referral (first attendance recorded).
    case attended
    /// The referral was declined with one of these codes.
    case declineCode([ReferralDeclineCode])

    public struct Milestone: Codable, Sendable, Hashable, CustomStringConvertible {
        public var disease: Disease
        public var stage: CascadeStage
        public init(_ disease: Disease, _ stage: CascadeStage) { (self.disease, self.stage) = (disease, stage) }
        public var description: String { "\(disease.rawValue)/\(stage.rawValue)" }

        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            let parts = text.split(separator: "/").map(String.init)
            guard parts.count == 2, let disease = Disease(rawValue: parts[0]), Disease.cascaded.contains(disease),
                  let stage = CascadeStage(rawValue: parts[1]), stage != .eligible else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                    "'\(text)' is not disease/stage with a cascaded disease (\(Disease.cascaded.map(\.rawValue).joined(separator: ", "))) and a recorded stage (\(CascadeStage.allCases.dropFirst().map(\.rawValue).joined(separator: ", ")))."))
            }
            (self.disease, self.stage) = (disease, stage)
        }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }
    }

    enum Key: String, CodingKey, CaseIterable { case milestone, eligibleForScreening, referralState, attended, declineCode }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                "A condition is an object with exactly one of \(Key.allCases.map(\.rawValue).joined(separator: ", "))."))
        }
        switch key {
        case .milestone: self = .milestone(try container.decode([Milestone].self, forKey: key))
        case .eligibleForScreening, .attended:
            // Written `true`; `false` would read as its opposite, which the filters do not express.
            guard try container.decode(Bool.self, forKey: key) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(key.rawValue) is written as true; a filter has no negation.")
            }
            self = key == .attended ? .attended : .eligibleForScreening
        case .referralState: self = .referralState(try container.decode([ReferralState].self, forKey: key))
        case .declineCode: self = .declineCode(try container.decode([ReferralDeclineCode].self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .milestone(let list): try container.encode(list, forKey: .milestone)
        case .eligibleForScreening: try container.encode(true, forKey: .eligibleForScreening)
        case .referralState(let list): try container.encode(list, forKey: .referralState)
        case .attended: try container.encode(true, forKey: .attended)
        case .declineCode(let list): try container.encode(list, forKey: .declineCode)
        }
    }

    /// Whether the condition is about a referral rather than the person.
    var isAboutReferrals: Bool {
        switch self {
        case .milestone, .eligibleForScreening: false
        case .referralState, .attended, .declineCode: true
        }
    }
}

import Foundation

/// What a screening recommendation is for (ECDC 2018 guidance on newly arrived migrants; WHO 2013 on active TB).
public enum ScreeningCondition: String, Codable, Sendable, CaseIterable, Hashable {
    case activeTuberculosis = "active-tb"
    case latentTuberculosis = "latent-tb"
    case hiv
    case hepatitisB = "hepatitis-b"
    case hepatitisC = "hepatitis-c"
    case schistosomiasis
    case strongyloidiasis
    case vaccination

    /// The disease whose cascade a screening of this kind starts.
    public var disease: Disease? {
        switch self {
        case .activeTuberculosis, .latentTuberculosis: .tuberculosis
        case .hiv: .hiv
        case .hepatitisB: .hepatitisB
        case .hepatitisC: .hepatitisC
        case .schistosomiasis: .schistosomiasis
        case .strongyloidiasis: .strongyloidiasis
        case .vaccination: nil
        }
    }
}

/// The figure a rule compares with its threshold.
public enum ScreeningMeasure: String, Codable, Sendable, CaseIterable {
    case tbIncidence = "tb-incidence"
    case hivPrevalence = "hiv-prevalence"
    case hbsagPrevalence = "hbsag-prevalence"
    case antiHcvPrevalence = "anti-hcv-prevalence"
    /// Chronic (viraemic) hepatitis C prevalence, lower than anti-HCV prevalence.
    case hcvPrevalence = "hcv-prevalence"
    case schistosomiasisEndemic = "schistosomiasis-endemic"
    case strongyloidiasisEndemic = "strongyloidiasis-endemic"
    /// Everyone without a recorded immunization (catch-up by the host country's schedule).
    case noVaccinationRecord = "no-vaccination-record"

    /// How a figure reads in an explanation.
    public func describe(_ value: Double) -> String {
        switch self {
        case .tbIncidence: "TB incidence is \(Self.format(value)) per 100,000"
        case .hivPrevalence: "HIV prevalence is \(Self.format(value))%"
        case .hbsagPrevalence: "HBsAg prevalence is \(Self.format(value))%"
        case .antiHcvPrevalence: "anti-HCV prevalence is \(Self.format(value))%"
        case .hcvPrevalence: "chronic hepatitis C prevalence is \(Self.format(value))%"
        case .schistosomiasisEndemic: value > 0 ? "schistosomiasis is endemic" : "schistosomiasis is not endemic"
        case .strongyloidiasisEndemic: value > 0 ? "strongyloidiasis is endemic" : "strongyloidiasis is not endemic"
        case .noVaccinationRecord: "no vaccination record"
        }
    }

    static func format(_ value: Double) -> String {
        value >= 10 || value == value.rounded() ? String(Int(value.rounded())) : String(format: "%.1f", value)
    }
}

/// One screening rule: offer `test` for `condition` to people whose country of origin's `measure` is at least
/// `atLeast` (or, for endemicity, is endemic), within `withinMonthsOfArrival` of arrival and between the ages given.
/// Every threshold is a parameter with its source, never a constant in code.
public struct ScreeningRule: Codable, Sendable, Hashable {
    public var condition: ScreeningCondition
    public var measure: ScreeningMeasure
    public var atLeast: Double?
    public var withinMonthsOfArrival: Int?
    public var minAge: Int?
    public var maxAge: Int?
    /// The test offered, in words, its LOINC codes, and the local procedure code where LOINC has none we could verify.
    public var test: String
    public var loinc: [String]
    public var procedure: String?
    /// Key into `ScreeningParameters.sources`.
    public var source: String
    public var note: String?

    public init(condition: ScreeningCondition, measure: ScreeningMeasure, atLeast: Double? = nil, withinMonthsOfArrival: Int? = nil,
                minAge: Int? = nil, maxAge: Int? = nil, test: String, loinc: [String] = [], procedure: String? = nil, source: String, note: String? = nil) {
        (self.condition, self.measure, self.atLeast, self.withinMonthsOfArrival) = (condition, measure, atLeast, withinMonthsOfArrival)
        self.procedure = procedure
        (self.minAge, self.maxAge, self.test, self.loinc, self.source, self.note) = (minAge, maxAge, test, loinc, source, note)
    }
}

/// The screening rules a country uses (Resources/reference/screening-parameters.json), with their sources.
public struct ScreeningParameters: Codable, Sendable {
    public var about: String?
    public var sources: [String: CountryEpidemiology.Source]
    public var rules: [ScreeningRule]
    /// Viral load (copies/mL) under which HIV counts as suppressed.
    public var hivSuppressedBelow: Double
    public var hivSuppressionSource: String

    public init(about: String? = nil, sources: [String: CountryEpidemiology.Source], rules: [ScreeningRule],
                hivSuppressedBelow: Double = 1000, hivSuppressionSource: String) {
        (self.about, self.sources, self.rules) = (about, sources, rules)
        (self.hivSuppressedBelow, self.hivSuppressionSource) = (hivSuppressedBelow, hivSuppressionSource)
    }

    /// Parses and checks: each rule names a listed source, a threshold where its measure needs one, sane ages.
    public static func parse(_ data: Data) throws -> ScreeningParameters {
        let parameters = try JSONDecoder().decode(ScreeningParameters.self, from: data)
        guard parameters.sources[parameters.hivSuppressionSource] != nil else {
            throw CareBridgeError.invalid("hivSuppressionSource", "hivSuppressionSource '\(parameters.hivSuppressionSource)' is not in sources.")
        }
        for (index, rule) in parameters.rules.enumerated() {
            let path = "rules[\(index)]"
            guard parameters.sources[rule.source] != nil else {
                throw CareBridgeError.invalid("\(path).source", "\(path) cites '\(rule.source)', which is not in sources.")
            }
            switch rule.measure {
            case .tbIncidence, .hivPrevalence, .hbsagPrevalence, .antiHcvPrevalence, .hcvPrevalence:
                guard let threshold = rule.atLeast, threshold >= 0 else {
                    throw CareBridgeError.invalid("\(path).atLeast", "\(path) compares \(rule.measure.rawValue) and needs a threshold atLeast >= 0.")
                }
            case .schistosomiasisEndemic, .strongyloidiasisEndemic, .noVaccinationRecord: break
            }
            if let minAge = rule.minAge, let maxAge = rule.maxAge, minAge > maxAge {
                throw CareBridgeError.invalid("\(path).minAge", "\(path) has minAge \(minAge) above maxAge \(maxAge).")
            }
            if let months = rule.withinMonthsOfArrival, months <= 0 {
                throw CareBridgeError.invalid("\(path).withinMonthsOfArrival", "\(path).withinMonthsOfArrival must be positive.")
            }
        }
        return parameters
    }
}

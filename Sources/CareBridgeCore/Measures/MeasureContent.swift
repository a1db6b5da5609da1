import Foundation

/// Text in several languages, keyed by language tag (`en`, `ru`, `be`, ...).
public typealias LocalizedText = [String: String]

extension Dictionary where Key == String, Value == String {
    /// The text in `language`, else English, else Russian, else any; "" when there is none.
    public func text(in language: String) -> String {
        self[language].nonBlank ?? self["en"].nonBlank ?? self["ru"].nonBlank ?? keys.sorted().lazy.compactMap { self[$0].nonBlank }.first ?? ""
    }

    /// Whether the text exists in `language` itself (pages say when they show another language instead).
    public func has(_ language: String) -> Bool { self[language].nonBlank != nil }
}

/// An indicator a measure should move: where it stood (baseline), where it should be (target) and by when.
public struct IndicatorTarget: Codable, Sendable, Hashable {
    /// An indicator of the catalog (`screening-coverage`, `tb-treatment-success`, ...).
    public var indicatorId: String
    /// The value the measure starts from: a share from 0 to 1, or days, as the indicator measures.
    public var baseline: Double
    public var target: Double
    /// Required: a target without a date cannot be judged (the optional type only lets the error name the field).
    public var targetDate: CalendarDay?
    /// The group the target is about, as `dimension:code` (`legal-status:temporary-resident`); nil for everyone.
    public var breakdown: String?

    public init(indicatorId: String, baseline: Double, target: Double, targetDate: CalendarDay?, breakdown: String? = nil) {
        (self.indicatorId, self.baseline, self.target, self.targetDate, self.breakdown) = (indicatorId, baseline, target, targetDate, breakdown)
    }
}

/// A law or regulation the measure needs amended.
public struct LegalAct: Codable, Sendable, Hashable {
    public var title: String
    public var url: String?
    public init(title: String, url: String? = nil) { (self.title, self.url) = (title, url) }
}

/// Everything of a measure that is deliberated and versioned: its words, who answers for it, when, and the evidence
/// behind it. Each version of a measure keeps one whole `MeasureContent`.
public struct MeasureContent: Codable, Sendable, Hashable {
    enum CodingKeys: String, CodingKey { case title, text, problem, responsibleOrganizationID = "responsibleOrganizationId", contributingOrganizationIDs = "contributingOrganizationIds", start, end, simulationID = "simulationId", indicators, legalActs }
    public var title: LocalizedText
    public var text: LocalizedText
    /// The problem the measure answers.
    public var problem: LocalizedText
    public var responsibleOrganizationID: UUID
    public var contributingOrganizationIDs: [UUID]
    public var start: CalendarDay?
    public var end: CalendarDay?
    /// A stored entitlement simulation run that shows the measure's effect ("+N people covered").
    public var simulationID: UUID?
    public var indicators: [IndicatorTarget]
    public var legalActs: [LegalAct]

    public init(title: LocalizedText, text: LocalizedText, problem: LocalizedText = [:], responsibleOrganizationID: UUID,
                contributingOrganizationIDs: [UUID] = [], start: CalendarDay? = nil, end: CalendarDay? = nil, simulationID: UUID? = nil,
                indicators: [IndicatorTarget] = [], legalActs: [LegalAct] = []) {
        (self.title, self.text, self.problem, self.responsibleOrganizationID) = (title, text, problem, responsibleOrganizationID)
        (self.contributingOrganizationIDs, self.start, self.end, self.simulationID) = (contributingOrganizationIDs, start, end, simulationID)
        (self.indicators, self.legalActs) = (indicators, legalActs)
    }

    public static let maxTitle = 300, maxText = 20_000

    /// Checks the shape; the names of the fields in errors are the API's (`indicators[0].targetDate`).
    /// Whether the simulation and indicators exist is the server's check (it knows the store and the catalog).
    public func validate() throws {
        func texts(_ value: LocalizedText, _ field: String, max: Int) throws {
            for (language, text) in value {
                try Validation.languageTag(language, field: "\(field).\(language)")
                if text.count > max { throw CareBridgeError.invalid("\(field).\(language)", "The \(field) in \(language) is longer than \(max) characters.") }
            }
        }
        guard title.values.contains(where: { !$0.trimmed.isEmpty }) else {
            throw CareBridgeError.invalid("title", "Give the measure a title in at least one language.")
        }
        try texts(title, "title", max: Self.maxTitle)
        try texts(text, "text", max: Self.maxText)
        try texts(problem, "problem", max: Self.maxText)
        if contributingOrganizationIDs.contains(responsibleOrganizationID) {
            throw CareBridgeError.invalid("contributingOrganizationIds", "The responsible organization is not also a contributing one.")
        }
        if let start, let end, end < start {
            throw CareBridgeError.invalid("end", "The measure ends (\(end)) before it starts (\(start)).")
        }
        for (i, target) in indicators.enumerated() {
            let field = "indicators[\(i)]"
            if target.indicatorId.trimmed.isEmpty { throw CareBridgeError.invalid("\(field).indicatorId", "Name the indicator of target \(i + 1).") }
            guard target.targetDate != nil else {
                throw CareBridgeError.invalid("\(field).targetDate", "The target for \(target.indicatorId) has no date: say by when it should reach \(target.target).")
            }
            guard target.baseline.isFinite, target.target.isFinite else {
                throw CareBridgeError.invalid("\(field).target", "The baseline and target of \(target.indicatorId) must be numbers.")
            }
            if target.baseline == target.target {
                throw CareBridgeError.invalid("\(field).target", "The target of \(target.indicatorId) equals its baseline; a target says how it should change.")
            }
            if let breakdown = target.breakdown, breakdown.split(separator: ":").count != 2 {
                throw CareBridgeError.invalid("\(field).breakdown", "A breakdown is written dimension:code, such as legal-status:temporary-resident.")
            }
        }
        if Set(indicators.map { [$0.indicatorId, $0.breakdown ?? ""] }).count != indicators.count {
            throw CareBridgeError.invalid("indicators", "An indicator (for the same group) is listed twice.")
        }
        for (i, act) in legalActs.enumerated() {
            if act.title.trimmed.isEmpty { throw CareBridgeError.invalid("legalActs[\(i)].title", "Name legal act \(i + 1).") }
            if let url = act.url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(where: \.isWhitespace) {
                throw CareBridgeError.invalid("legalActs[\(i)].url", "The address of a legal act starts with https:// or http://.")
            }
        }
    }
}

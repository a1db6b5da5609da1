import Foundation

/// What the screening rules read about one person (WHO core variables for migrants: country of birth, citizenship,
/// month and year of arrival).
public struct ScreeningSubject: Sendable, Hashable {
    public enum OriginBasis: String, Codable, Sendable { case birth, citizenship }
    public var origin: String?
    public var originBasis: OriginBasis
    public var arrival: PartialDate?
    public var birth: PartialDate?
    public var hasVaccinationRecord: Bool
    /// The last day each condition was screened (a test for it with a result).
    public var screenedOn: [ScreeningCondition: CalendarDay]

    public init(countryOfBirth: String?, citizenship: String?, arrival: PartialDate?, birth: PartialDate?,
                hasVaccinationRecord: Bool = false, screenedOn: [ScreeningCondition: CalendarDay] = [:]) {
        // Country of birth speaks for exposure better than a passport; citizenship stands in when it is unknown.
        (origin, originBasis) = countryOfBirth.map { ($0, .birth) } ?? (citizenship, .citizenship)
        (self.arrival, self.birth, self.hasVaccinationRecord, self.screenedOn) = (arrival, birth, hasVaccinationRecord, screenedOn)
    }
}

/// A test to offer and why, with every figure behind the reason so a page can say it in the reader's language.
public struct ScreeningRecommendation: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable {
        /// The rule applies: offer the test.
        case recommended
        /// The rule would apply but the country table has no figure for the origin: decide on clinical grounds.
        case noData = "no-data"
    }
    public var condition: ScreeningCondition
    public var status: Status
    public var test: String
    public var loinc: [String]
    public var measure: ScreeningMeasure
    public var origin: String?
    public var originBasis: ScreeningSubject.OriginBasis
    public var figure: CountryEpidemiology.Figure?
    public var threshold: Double?
    public var monthsSinceArrival: Int?
    public var age: Int?
    /// The rule's source (guidance) and the figure's source (data), as cited.
    public var ruleSource: CountryEpidemiology.Source
    public var figureSource: CountryEpidemiology.Source?
    public var lastScreenedOn: CalendarDay?

    /// The reason in English, e.g. "citizen of Afghanistan, where TB incidence is 180 per 100,000 (2023, World Health
    /// Organization); threshold 40 (ECDC 2018); arrived 4 months ago".
    public func explanation(countryName: (String) -> String) -> String {
        var parts: [String] = []
        let country = origin.map(countryName) ?? "an unrecorded country"
        let who = originBasis == .birth ? "born in \(country)" : "citizen of \(country)"
        switch (measure, status) {
        case (.noVaccinationRecord, _): parts.append("no vaccination recorded")
        case (_, .noData): parts.append("\(who); the country table has no figure for \(measure.describe(1).components(separatedBy: " ").first ?? measure.rawValue) there, decide on clinical grounds")
        case (_, .recommended):
            if let figure {
                let cited = [figure.year.map(String.init), figureSource?.publisher].compactMap { $0 }.joined(separator: ", ")
                parts.append("\(who), where \(measure.describe(figure.value))\(cited.isEmpty ? "" : " (\(cited))")")
            } else { parts.append(who) }
            if let threshold { parts.append("threshold \(ScreeningMeasure.format(threshold)) (\(ruleSource.publisher ?? ruleSource.title) \(ruleSource.year.map(String.init) ?? ""))".replacingOccurrences(of: " )", with: ")")) }
        }
        if let months = monthsSinceArrival { parts.append(months == 1 ? "arrived 1 month ago" : "arrived \(months) months ago") }
        if let age, measure == .noVaccinationRecord || age < 18 { parts.append("aged \(age)") }
        if let last = lastScreenedOn { parts.append("last screened \(last)") }
        return parts.joined(separator: "; ")
    }
}

/// Screening recommendations from the country table and the rules. The rules are compiled once per table into a
/// bit mask per country, so one person costs a dictionary lookup and a few comparisons, and the population a scan.
public struct ScreeningEngine: Sendable {
    public let parameters: ScreeningParameters
    public let epidemiology: CountryEpidemiology
    /// Per country: bit i set when rule i's origin test passes; `missing` when the figure is absent.
    let passes: [String: UInt64]
    let missing: [String: UInt64]
    /// Rules that look at no country figure (vaccination) pass everywhere, even for an unknown origin.
    let everywhere: UInt64
    /// Rule i's condition as a bit over `ScreeningCondition.allCases`, and its limits as plain numbers for the scans
    /// (reading a `ScreeningRule` per row would retain and release its strings): window in months, ages (-1: none),
    /// whether it is the no-vaccination-record rule.
    let conditionBit: [UInt16]
    let window: [Int], minAge: [Int], maxAge: [Int]
    let needsNoVaccination: [Bool]

    public init(parameters: ScreeningParameters, epidemiology: CountryEpidemiology) {
        precondition(parameters.rules.count <= 64, "at most 64 screening rules")
        self.parameters = parameters
        self.epidemiology = epidemiology
        var passes: [String: UInt64] = [:], missing: [String: UInt64] = [:], everywhere: UInt64 = 0
        for (index, rule) in parameters.rules.enumerated() {
            let bit = UInt64(1) << UInt64(index)
            if rule.measure == .noVaccinationRecord { everywhere |= bit; continue }
            for code in epidemiology.countries.keys {
                guard let figure = epidemiology.figure(rule.measure, of: code) else { missing[code, default: 0] |= bit; continue }
                let pass = rule.atLeast.map { figure.value >= $0 } ?? (figure.value > 0)
                if pass { passes[code, default: 0] |= bit }
            }
        }
        (self.passes, self.missing, self.everywhere) = (passes, missing, everywhere)
        conditionBit = parameters.rules.map { UInt16(1) << UInt16(ScreeningCondition.allCases.firstIndex(of: $0.condition)!) }
        window = parameters.rules.map { $0.withinMonthsOfArrival ?? -1 }
        minAge = parameters.rules.map { $0.minAge ?? -1 }
        maxAge = parameters.rules.map { $0.maxAge ?? -1 }
        needsNoVaccination = parameters.rules.map { $0.measure == .noVaccinationRecord }
        mask = parameters.rules.count == 64 ? ~0 : (UInt64(1) << UInt64(parameters.rules.count)) - 1
    }

    /// The bit mask of rules whose country test `origin` passes, and of those with no figure for it.
    func originMasks(_ origin: String?) -> (pass: UInt64, missing: UInt64) {
        guard let origin else { return (everywhere, 0) }
        // A country absent from the table has no figure for any rule.
        guard epidemiology.countries[origin] != nil else { return (everywhere, ~everywhere & mask) }
        return (everywhere | (passes[origin] ?? 0), missing[origin] ?? 0)
    }

    /// One bit per rule.
    let mask: UInt64

    /// Whether a rule's arrival window and ages admit the person (the country test aside).
    @inline(__always)
    func admits(_ rule: ScreeningRule, monthsSinceArrival: Int?, age: Int?, hasVaccinationRecord: Bool) -> Bool {
        if rule.measure == .noVaccinationRecord, hasVaccinationRecord { return false }
        if let window = rule.withinMonthsOfArrival, let months = monthsSinceArrival, months > window { return false }
        if rule.minAge != nil || rule.maxAge != nil {
            guard let age else { return false }
            if let minAge = rule.minAge, age < minAge { return false }
            if let maxAge = rule.maxAge, age > maxAge { return false }
        }
        return true
    }

    /// The recommendations for one person on `day`, one per condition, in rule order: the first rule that recommends the
    /// test wins; a rule with no figure for the origin gives "no data" only when no later rule recommends it (as
    /// `eligibility`, which the population cascade counts, sees it).
    public func recommend(for subject: ScreeningSubject, on day: CalendarDay) -> [ScreeningRecommendation] {
        let (pass, noFigure) = originMasks(subject.origin)
        let months = subject.arrival?.monthsElapsed(until: day)
        let age = subject.birth?.age(on: day)
        var slot: [ScreeningCondition: Int] = [:]
        var out: [ScreeningRecommendation] = []
        for (index, rule) in parameters.rules.enumerated() {
            if let at = slot[rule.condition], out[at].status == .recommended { continue }
            let bit = UInt64(1) << UInt64(index)
            let status: ScreeningRecommendation.Status
            if pass & bit != 0 { status = .recommended } else if noFigure & bit != 0, slot[rule.condition] == nil { status = .noData } else { continue }
            guard admits(rule, monthsSinceArrival: months, age: age, hasVaccinationRecord: subject.hasVaccinationRecord) else { continue }
            let found = recommendation(rule, status: status, subject: subject, months: months, age: age)
            // A recommendation takes the place of the condition's "no data"; a condition seen first takes the next place.
            if let at = slot[rule.condition] { out[at] = found } else { slot[rule.condition] = out.count; out.append(found) }
        }
        return out
    }

    func recommendation(_ rule: ScreeningRule, status: ScreeningRecommendation.Status, subject: ScreeningSubject, months: Int?, age: Int?) -> ScreeningRecommendation {
        let figure = subject.origin.flatMap { epidemiology.figure(rule.measure, of: $0) }
        return ScreeningRecommendation(
            condition: rule.condition, status: status, test: rule.test, loinc: rule.loinc, measure: rule.measure,
            origin: subject.origin, originBasis: subject.originBasis, figure: figure, threshold: rule.atLeast,
            monthsSinceArrival: months, age: age,
            ruleSource: parameters.sources[rule.source] ?? .init(title: rule.source),
            figureSource: figure.flatMap { epidemiology.sources[$0.source] }, lastScreenedOn: subject.screenedOn[rule.condition])
    }

    /// Which conditions a person is eligible to be screened for (recommended, not "no data"), as a bit set over
    /// `ScreeningCondition.allCases`: the population scans' form of `recommend`.
    @inline(__always)
    public func eligibility(originPass: UInt64, monthsSinceArrival: Int?, age: Int?, hasVaccinationRecord: Bool) -> UInt16 {
        var conditions: UInt16 = 0
        var rest = originPass & mask
        while rest != 0 {
            let index = rest.trailingZeroBitCount
            rest &= rest - 1
            if needsNoVaccination[index], hasVaccinationRecord { continue }
            if window[index] >= 0, let months = monthsSinceArrival, months > window[index] { continue }
            if minAge[index] >= 0 || maxAge[index] >= 0 {
                guard let age else { continue }
                if minAge[index] >= 0, age < minAge[index] { continue }
                if maxAge[index] >= 0, age > maxAge[index] { continue }
            }
            conditions |= conditionBit[index]
        }
        return conditions
    }

    /// The country-test masks for a list of country codes (the snapshot's code list), index for index.
    public func originPasses(for countries: [String]) -> [UInt64] {
        countries.map { $0.isEmpty ? everywhere : originMasks($0).pass }
    }
}

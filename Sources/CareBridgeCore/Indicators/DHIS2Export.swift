import Foundation

/// Which DHIS2 data elements and category option combos an indicator's figures go to (Resources/reference/
/// dhis2-mapping.json, replaceable by a platform administrator): per indicator, the data elements of its numerator,
/// denominator and value (each optional), and per breakdown dimension the category option combo of each code.
public struct DHIS2Mapping: Codable, Sendable, Hashable {
    public struct Indicator: Codable, Sendable, Hashable {
        public var numerator: String?
        public var denominator: String?
        /// The value itself: a percentage for a share, days for a median.
        public var value: String?
        /// Dimension (`legal-status`, `sex`...) -> code -> category option combo UID.
        public var categoryOptionCombos: [String: [String: String]]?
    }
    public var about: String?
    public var dataSet: String?
    /// The combo of a figure with no breakdown (DHIS2's "default" category option combo).
    public var defaultCategoryOptionCombo: String
    public var attributeOptionCombo: String?
    public var indicators: [String: Indicator]

    /// Parses and checks a mapping: every identifier a DHIS2 UID (a letter, then ten letters or digits), every
    /// dimension one CareBridge breaks down by.
    public static func parse(_ data: Data) throws -> DHIS2Mapping {
        let mapping = try JSONDecoder().decode(DHIS2Mapping.self, from: data)
        func check(_ uid: String?, _ path: String) throws {
            guard let uid else { return }
            guard DHIS2Export.isUID(uid) else { throw CareBridgeError.invalid(path, "'\(uid)' is not a DHIS2 UID (a letter, then ten letters or digits).") }
        }
        try check(mapping.dataSet, "dataSet")
        try check(mapping.defaultCategoryOptionCombo, "defaultCategoryOptionCombo")
        try check(mapping.attributeOptionCombo, "attributeOptionCombo")
        for (id, indicator) in mapping.indicators {
            try check(indicator.numerator, "indicators.\(id).numerator")
            try check(indicator.denominator, "indicators.\(id).denominator")
            try check(indicator.value, "indicators.\(id).value")
            for (dimension, combos) in indicator.categoryOptionCombos ?? [:] {
                guard IndicatorDimension(rawValue: dimension) != nil else {
                    throw CareBridgeError.invalid("indicators.\(id).categoryOptionCombos.\(dimension)",
                                                  "'\(dimension)' is not one of \(IndicatorDimension.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                for (code, uid) in combos { try check(uid, "indicators.\(id).categoryOptionCombos.\(dimension).\(code)") }
            }
        }
        return mapping
    }
}

/// A DHIS2 period as the Web API writes it, with the days it covers: `2026W10` (ISO week), `202603` (month), `2026`.
public struct DHIS2Period: Sendable, Hashable {
    public var text: String
    public var from: CalendarDay
    public var to: CalendarDay

    public init(parsing text: String) throws {
        let bad = CareBridgeError.invalid("period", "'\(text)' is not a DHIS2 period: yyyyWn (ISO week, e.g. 2026W10), yyyyMM (month, e.g. 202603) or yyyy.")
        let ascii = text.allSatisfy(\.isASCII)
        guard ascii, text.count >= 4, let year = Int(text.prefix(4)), (1900...9999).contains(year) else { throw bad }
        let rest = text.dropFirst(4)
        if rest.isEmpty {
            (from, to) = (try CalendarDay(year: year, month: 1, day: 1), try CalendarDay(year: year, month: 12, day: 31))
        } else if rest.first == "W", let week = Int(rest.dropFirst()), rest.count <= 3 {
            guard week >= 1, week <= EpiWeek.weeks(in: year, .iso) else {
                throw CareBridgeError.invalid("period", "\(year) has \(EpiWeek.weeks(in: year, .iso)) ISO weeks; \(text) is not one of them.")
            }
            let iso = try EpiWeek(system: .iso, year: year, week: week)
            (from, to) = (iso.start, iso.end)
        } else if rest.count == 2, let month = Int(rest), (1...12).contains(month) {
            (from, to) = (try CalendarDay(year: year, month: month, day: 1), try CalendarDay(year: year, month: month, day: CalendarDay.days(inMonth: month, year: year)))
        } else {
            throw bad
        }
        self.text = text
    }
}

/// DHIS2's dataValueSets JSON (Web API `/api/dataValueSets`): the set's period, organisation unit and data set, and
/// one data value per data element and category option combo.
public struct DHIS2DataValueSet: Codable, Sendable, Hashable {
    public struct DataValue: Codable, Sendable, Hashable {
        public var dataElement: String
        public var categoryOptionCombo: String
        public var value: String
        public var comment: String?
    }
    public var dataSet: String?
    public var completeDate: String?
    public var period: String
    public var orgUnit: String
    public var attributeOptionCombo: String?
    public var dataValues: [DataValue]
}

public enum DHIS2Export {
    public static func isUID(_ text: String) -> Bool {
        text.count == 11 && text.first!.isASCII && text.first!.isLetter && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// The published figures of `result` as a data value set: the overall figure under the default combo, or by
    /// `breakdown` each row under its mapped combo. Hidden counts are left out (and counted in `omitted`); a row
    /// with a figure to send whose code has no combo fails the whole export, naming every such code.
    public static func dataValueSet(_ result: IndicatorResult, by breakdown: IndicatorDimension? = nil, mapping: DHIS2Mapping, period: DHIS2Period,
                                    orgUnit: String) throws -> (set: DHIS2DataValueSet, omitted: Int) {
        guard isUID(orgUnit) else { throw CareBridgeError.invalid("orgUnit", "'\(orgUnit)' is not a DHIS2 organisation unit UID (a letter, then ten letters or digits).") }
        guard let elements = mapping.indicators[result.indicator] else {
            throw CareBridgeError(.validation, title: "Not mapped to DHIS2", detail: "The DHIS2 mapping has no data elements for the indicator \(result.indicator).",
                                  reason: "unmapped", field: "indicators.\(result.indicator)")
        }

        var rows: [(combo: String?, label: String, figure: IndicatorFigure)] = [(mapping.defaultCategoryOptionCombo, "overall", result.overall)]
        var unmapped: [String] = []
        if let dimension = breakdown {
            guard let breakdown = result.breakdowns.first(where: { $0.dimension == dimension }) else {
                throw CareBridgeError.invalid("by", "The result has no breakdown by \(dimension.rawValue).")
            }
            let combos = elements.categoryOptionCombos?[breakdown.dimension.rawValue] ?? [:]
            // Rows that count nobody send nothing, so they need no combo.
            rows = breakdown.rows.filter { $0.figure.denominator != 0 }.map { row in
                (combos[row.code], "\(breakdown.dimension.rawValue)=\(row.code)", row.figure)
            }
            unmapped = rows.filter { $0.combo == nil }.map(\.label)
        }
        guard unmapped.isEmpty else {
            throw CareBridgeError(.validation, title: "Not mapped to DHIS2",
                                  detail: "The DHIS2 mapping of \(result.indicator) has no category option combo for \(unmapped.joined(separator: ", ")).",
                                  reason: "unmapped", field: "categoryOptionCombos").adding("unmapped", unmapped)
        }
        var values: [DHIS2DataValueSet.DataValue] = []
        var omitted = 0
        for row in rows {
            let combo = row.combo!
            let figures: [(String?, String?)] = [
                (elements.numerator, row.figure.numerator.map(String.init)),
                (elements.denominator, row.figure.denominator.map(String.init)),
                (elements.value, row.figure.value.map { result.measure == .proportion ? IndicatorResult.format($0 * 100) : IndicatorResult.format($0) }),
            ]
            for (element, value) in figures {
                guard let element else { continue }
                guard let value else { omitted += 1; continue }
                values.append(.init(dataElement: element, categoryOptionCombo: combo, value: value, comment: nil))
            }
        }
        return (DHIS2DataValueSet(dataSet: mapping.dataSet, completeDate: nil, period: period.text, orgUnit: orgUnit,
                                  attributeOptionCombo: mapping.attributeOptionCombo, dataValues: values), omitted)
    }
}

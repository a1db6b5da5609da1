import Foundation

/// ISO 3166-1 countries and the ISO 3166-2 regions a deployment serves, loaded from the shipped
/// reference files (Resources/reference/countries.json and regions.json), never compiled in.
public struct CountryTable: Sendable {
    public struct Country: Codable, Sendable, Hashable {
        public var alpha2: String
        public var alpha3: String
        public var numeric: String
        public var name: String
    }
    public struct Region: Codable, Sendable, Hashable {
        public var code: String
        public var name: String
        public var type: String
        /// Names by UI language; others fall back to English, then to the ISO romanized name.
        public var names: [String: String]?

        public func name(language: String) -> String {
            names?[language] ?? names?[String(language.prefix(2))] ?? names?["en"] ?? name
        }
    }

    public let countries: [String: Country]
    public let regions: [String: Region]

    public init(countries: [Country], regions: [Region]) {
        self.countries = Dictionary(countries.map { ($0.alpha2, $0) }, uniquingKeysWith: { a, _ in a })
        self.regions = Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The alpha-2 code for a typed value (`tm`, `TM`, `TKM`), or a validation error naming the field.
    public func country(_ value: String, field: String) throws -> String {
        let code = value.trimmed.uppercased()
        if countries[code] != nil { return code }
        if code.count == 3, let match = countries.values.first(where: { $0.alpha3 == code }) { return match.alpha2 }
        throw CareBridgeError.invalid(field, "\(field) '\(value)' is not an ISO 3166-1 country code such as TM or UZ.")
    }

    /// A region this deployment knows (ISO 3166-2, e.g. BY-HM), or a validation error naming the field.
    public func region(_ value: String, field: String) throws -> String {
        let code = value.trimmed.uppercased()
        guard regions[code] != nil else {
            let known = regions.keys.sorted().joined(separator: ", ")
            throw CareBridgeError.invalid(field, "\(field) '\(value)' is not one of the regions served: \(known).")
        }
        return code
    }

    /// The country's name in a UI language (CLDR through Foundation), falling back to the ISO English name.
    public func name(of alpha2: String, language: String) -> String {
        Locale(identifier: language).localizedString(forRegionCode: alpha2) ?? countries[alpha2]?.name ?? alpha2
    }

    /// A small table for tests and tools that run without the shipped files.
    public static let minimal = CountryTable(
        countries: [("BY", "BLR", "112", "Belarus"), ("RU", "RUS", "643", "Russian Federation"), ("TM", "TKM", "795", "Turkmenistan"),
                    ("UZ", "UZB", "860", "Uzbekistan"), ("TJ", "TJK", "762", "Tajikistan"), ("UA", "UKR", "804", "Ukraine"),
                    ("AF", "AFG", "004", "Afghanistan"), ("SY", "SYR", "760", "Syrian Arab Republic"), ("CN", "CHN", "156", "China")]
            .map { Country(alpha2: $0.0, alpha3: $0.1, numeric: $0.2, name: $0.3) },
        regions: [("BY-BR", "Brestskaya voblasts'"), ("BY-HM", "Horad Minsk"), ("BY-MI", "Minskaya voblasts'"), ("BY-HO", "Homyel'skaya voblasts'")]
            .map { Region(code: $0.0, name: $0.1, type: "Oblast", names: nil) })
}

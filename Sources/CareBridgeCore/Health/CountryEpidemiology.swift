import Foundation

/// Per-country figures the screening rules read (Resources/reference/country-epidemiology.json): TB incidence, HIV,
/// HBsAg and anti-HCV prevalence, and endemicity of schistosomiasis and strongyloidiasis, each with its year and
/// source. Shipped as data and replaceable by an administrator's import; a figure missing for a country is unknown,
/// never zero.
public struct CountryEpidemiology: Codable, Sendable {
    public struct Source: Codable, Sendable, Hashable {
        public var title: String
        public var publisher: String?
        public var year: Int?
        public var url: String?
        public var retrievedFrom: String?
        public init(title: String, publisher: String? = nil, year: Int? = nil, url: String? = nil, retrievedFrom: String? = nil) {
            (self.title, self.publisher, self.year, self.url, self.retrievedFrom) = (title, publisher, year, url, retrievedFrom)
        }
    }
    /// One figure: its value, the year it describes, and which source gave it.
    public struct Figure: Codable, Sendable, Hashable {
        public var value: Double
        public var year: Int?
        public var source: String
        public init(value: Double, year: Int?, source: String) { (self.value, self.year, self.source) = (value, year, source) }
    }
    public struct Flag: Codable, Sendable, Hashable {
        public var value: Bool
        public var basis: String?
        public var source: String
        public init(value: Bool, basis: String? = nil, source: String) { (self.value, self.basis, self.source) = (value, basis, source) }
    }
    public struct Country: Codable, Sendable, Hashable {
        public var tbIncidencePer100k: Figure?
        public var hivPrevalencePercent: Figure?
        public var hbsagPrevalencePercent: Figure?
        public var antiHcvPrevalencePercent: Figure?
        /// Chronic (viraemic) hepatitis C prevalence: what WHO estimates by country; lower than anti-HCV prevalence.
        public var hcvPrevalencePercent: Figure?
        public var schistosomiasisEndemic: Flag?
        public var strongyloidiasisEndemic: Flag?
        public var m49Region: String?
        public init(tbIncidencePer100k: Figure? = nil, hivPrevalencePercent: Figure? = nil, hbsagPrevalencePercent: Figure? = nil,
                    antiHcvPrevalencePercent: Figure? = nil, hcvPrevalencePercent: Figure? = nil, schistosomiasisEndemic: Flag? = nil,
                    strongyloidiasisEndemic: Flag? = nil) {
            (self.tbIncidencePer100k, self.hivPrevalencePercent, self.hbsagPrevalencePercent) = (tbIncidencePer100k, hivPrevalencePercent, hbsagPrevalencePercent)
            (self.antiHcvPrevalencePercent, self.hcvPrevalencePercent) = (antiHcvPrevalencePercent, hcvPrevalencePercent)
            (self.schistosomiasisEndemic, self.strongyloidiasisEndemic) = (schistosomiasisEndemic, strongyloidiasisEndemic)
        }
    }

    public var about: String?
    public var sources: [String: Source]
    public var countries: [String: Country]

    public init(about: String? = nil, sources: [String: Source], countries: [String: Country]) {
        (self.about, self.sources, self.countries) = (about, sources, countries)
    }

    /// Parses and checks a table: every figure names a listed source, values are in range, keys are alpha-2 codes.
    public static func parse(_ data: Data, knownCountries: Set<String>? = nil) throws -> CountryEpidemiology {
        // A malformed file throws the decoder's error, which the server reports with its JSON path.
        let table = try JSONDecoder().decode(CountryEpidemiology.self, from: data)
        for (code, country) in table.countries {
            let path = "countries.\(code)"
            if let knownCountries, !knownCountries.contains(code) {
                throw CareBridgeError.invalid(path, "\(path): '\(code)' is not an ISO 3166-1 alpha-2 country code.")
            }
            let figures: [(String, Figure?, ClosedRange<Double>)] = [
                ("tbIncidencePer100k", country.tbIncidencePer100k, 0...100_000), ("hivPrevalencePercent", country.hivPrevalencePercent, 0...100),
                ("hbsagPrevalencePercent", country.hbsagPrevalencePercent, 0...100), ("antiHcvPrevalencePercent", country.antiHcvPrevalencePercent, 0...100),
                ("hcvPrevalencePercent", country.hcvPrevalencePercent, 0...100)]
            for (name, figure, range) in figures {
                guard let figure else { continue }
                guard range.contains(figure.value) else { throw CareBridgeError.invalid("\(path).\(name)", "\(path).\(name) is \(figure.value), outside \(range).") }
                guard table.sources[figure.source] != nil else {
                    throw CareBridgeError.invalid("\(path).\(name).source", "\(path).\(name) cites '\(figure.source)', which is not in sources.")
                }
            }
            for (name, flag) in [("schistosomiasisEndemic", country.schistosomiasisEndemic), ("strongyloidiasisEndemic", country.strongyloidiasisEndemic)] {
                if let flag, table.sources[flag.source] == nil {
                    throw CareBridgeError.invalid("\(path).\(name).source", "\(path).\(name) cites '\(flag.source)', which is not in sources.")
                }
            }
        }
        return table
    }

    /// The figure or flag a screening rule measures, for one country.
    public func figure(_ measure: ScreeningMeasure, of country: String) -> Figure? {
        guard let c = countries[country] else { return nil }
        switch measure {
        case .tbIncidence: return c.tbIncidencePer100k
        case .hivPrevalence: return c.hivPrevalencePercent
        case .hbsagPrevalence: return c.hbsagPrevalencePercent
        case .antiHcvPrevalence: return c.antiHcvPrevalencePercent
        case .hcvPrevalence: return c.hcvPrevalencePercent
        case .schistosomiasisEndemic: return c.schistosomiasisEndemic.map { Figure(value: $0.value ? 1 : 0, year: nil, source: $0.source) }
        case .strongyloidiasisEndemic: return c.strongyloidiasisEndemic.map { Figure(value: $0.value ? 1 : 0, year: nil, source: $0.source) }
        case .noVaccinationRecord: return nil
        }
    }
}

@testable import CareBridgeCore
import Foundation
import Testing

private typealias F = HealthFixtures

@Suite("Screening recommendations for newly arrived migrants")
struct ScreeningTests {
    static let engine = F.engine()

    static func subject(born: String? = nil, citizen: String? = nil, arrived: PartialDate?, birth: PartialDate? = F.born("1990-03-02"),
                        vaccinated: Bool = false) -> ScreeningSubject {
        ScreeningSubject(countryOfBirth: born, citizenship: citizen, arrival: arrived, birth: birth, hasVaccinationRecord: vaccinated)
    }

    static func recommendations(_ subject: ScreeningSubject, engine: ScreeningEngine = engine, on day: CalendarDay = F.today) -> [ScreeningCondition: ScreeningRecommendation] {
        let list = engine.recommend(for: subject, on: day)
        #expect(Set(list.map(\.condition)).count == list.count, "one recommendation per condition")
        return Dictionary(list.map { ($0.condition, $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test("someone from a high-TB country who arrived 4 months ago is offered active and latent TB screening, and told why")
    func tbRecentArrival() throws {
        // 2026-07 to 2026-11-15 is four whole months.
        let recs = Self.recommendations(Self.subject(born: "AF", citizen: "AF", arrived: F.month(2026, 7)))
        let active = try #require(recs[.activeTuberculosis])
        let latent = try #require(recs[.latentTuberculosis])
        for rec in [active, latent] {
            #expect(rec.status == .recommended)
            #expect(rec.figure?.value == 180 && rec.figure?.year == 2023 && rec.threshold == 40 && rec.monthsSinceArrival == 4)
            let text = rec.explanation(countryName: F.name)
            for part in ["born in Afghanistan", "180 per 100,000", "2023", "World Health Organization", "threshold 40 (ECDC 2018)", "arrived 4 months ago"] {
                #expect(text.contains(part), "\(part) missing from: \(text)")
            }
        }
        // The wording the explanation's documentation promises, in full (an adult's age is not part of the reason).
        #expect(active.explanation(countryName: F.name)
                == "born in Afghanistan, where TB incidence is 180 per 100,000 (2023, World Health Organization); threshold 40 (ECDC 2018); arrived 4 months ago")
        #expect(active.test == "Chest X-ray with symptom screening" && latent.loinc == ["71773-6"])
        // With only a citizenship on record, the reason says so.
        let citizen = try #require(Self.recommendations(Self.subject(citizen: "AF", arrived: F.month(2026, 7)))[.activeTuberculosis])
        #expect(citizen.originBasis == .citizenship)
        #expect(citizen.explanation(countryName: F.name).hasPrefix("citizen of Afghanistan, where TB incidence is 180 per 100,000"))
        #expect(Self.recommendations(Self.subject(born: "AF", arrived: F.month(2026, 10)))[.activeTuberculosis]?
            .explanation(countryName: F.name).hasSuffix("arrived 1 month ago") == true)
    }

    @Test("TB screening is for the newly arrived: nothing after the 60-month window, the 60th month still counts")
    func tbArrivalWindow() {
        let longAgo = Self.recommendations(Self.subject(born: "AF", citizen: "AF", arrived: F.month(2019, 11)))   // 84 months
        #expect(longAgo[.activeTuberculosis] == nil && longAgo[.latentTuberculosis] == nil)
        // Rules without a window still apply to them.
        #expect(longAgo[.strongyloidiasis]?.status == .recommended)
        #expect(Self.recommendations(Self.subject(born: "AF", arrived: F.month(2021, 11)))[.activeTuberculosis]?.monthsSinceArrival == 60)
        #expect(Self.recommendations(Self.subject(born: "AF", arrived: F.month(2021, 10)))[.activeTuberculosis] == nil)
    }

    @Test("country of birth speaks for exposure, not the passport")
    func birthWinsOverCitizenship() throws {
        let germanBorn = Self.recommendations(Self.subject(born: "DE", citizen: "AF", arrived: F.month(2026, 7)))
        #expect(germanBorn[.activeTuberculosis] == nil && germanBorn[.latentTuberculosis] == nil)
        let afghanBorn = try #require(Self.recommendations(Self.subject(born: "AF", citizen: "DE", arrived: F.month(2026, 7)))[.activeTuberculosis])
        #expect(afghanBorn.origin == "AF" && afghanBorn.originBasis == .birth)
        #expect(afghanBorn.explanation(countryName: F.name).hasPrefix("born in Afghanistan"))
    }

    @Test("HIV testing is offered at 1% prevalence and above, not below")
    func hivThreshold() throws {
        let atThreshold = try #require(Self.recommendations(Self.subject(born: "CV", arrived: F.month(2026, 7)))[.hiv])
        #expect(atThreshold.status == .recommended && atThreshold.figure?.value == 1.0)
        let high = try #require(Self.recommendations(Self.subject(born: "ZA", arrived: F.month(2010, 1)))[.hiv])   // no arrival window for HIV
        #expect(high.status == .recommended)
        #expect(high.explanation(countryName: F.name).contains("South Africa, where HIV prevalence is 17% (2023, UNAIDS); threshold 1 (ECDC 2018)"))
        // Ukraine at 0.95% is below: no recommendation, and not a "no data" either, since the figure is known.
        #expect(Self.recommendations(Self.subject(born: "UA", arrived: F.month(2026, 7)))[.hiv] == nil)
        // CV's TB incidence of 39 is just below 40; XL's 40 is on it.
        #expect(Self.recommendations(Self.subject(born: "CV", arrived: F.month(2026, 7)))[.activeTuberculosis] == nil)
        #expect(Self.recommendations(Self.subject(born: "XL", arrived: F.month(2026, 7)))[.activeTuberculosis]?.status == .recommended)
    }

    @Test("a missing figure is unknown, never a reason to test: status no-data with no threshold in the reason")
    func missingFigureIsNoData() throws {
        // The table has no HBsAg or anti-HCV figure for Afghanistan.
        let recs = Self.recommendations(Self.subject(born: "AF", arrived: F.month(2026, 7)))
        for condition in [ScreeningCondition.hepatitisB, .hepatitisC] {
            let rec = try #require(recs[condition])
            #expect(rec.status == .noData && rec.figure == nil)
            let text = rec.explanation(countryName: F.name)
            #expect(text.contains("born in Afghanistan") && text.contains("no figure") && text.contains("clinical grounds") && !text.contains("threshold"), "\(text)")
        }
        #expect(try #require(recs[.hepatitisB]).explanation(countryName: F.name).contains("no figure for HBsAg"))
        // Afghanistan has no schistosomiasis flag either (the regional rule names only focal areas of Asia).
        #expect(recs[.schistosomiasis]?.status == .noData)
        // Where the figures exist they decide: XH's HBsAg of 8% is above 2%, its anti-HCV of 1.5% below; XL is the reverse.
        let xh = Self.recommendations(Self.subject(born: "XH", arrived: F.month(2026, 7)))
        #expect(xh[.hepatitisB]?.status == .recommended && xh[.hepatitisC] == nil)
        let xl = Self.recommendations(Self.subject(born: "XL", arrived: F.month(2026, 7)))
        #expect(xl[.hepatitisB] == nil && xl[.hepatitisC]?.status == .recommended)
        // A country the table does not list has no figure for anything: every country rule is no-data, vaccination still applies.
        let unlisted = Self.engine.recommend(for: Self.subject(born: "XX", arrived: F.month(2026, 7)), on: F.today)
        #expect(unlisted.filter { $0.status == .recommended }.map(\.condition) == [.vaccination])
        #expect(Set(unlisted.filter { $0.status == .noData }.map(\.condition)) == Set(ScreeningCondition.allCases).subtracting([.vaccination]))
    }

    @Test("catch-up vaccination is offered only to people without a vaccination record")
    func vaccination() throws {
        let without = try #require(Self.recommendations(Self.subject(born: "DE", arrived: F.month(2026, 7), vaccinated: false))[.vaccination])
        #expect(without.status == .recommended)
        #expect(without.explanation(countryName: F.name).hasPrefix("no vaccination recorded"))
        #expect(Self.recommendations(Self.subject(born: "DE", arrived: F.month(2026, 7), vaccinated: true))[.vaccination] == nil)
        // It looks at no country figure: someone whose origin is unrecorded is still offered it.
        #expect(Self.recommendations(Self.subject(arrived: nil))[.vaccination]?.status == .recommended)
    }

    @Test("rules are tried in order: the first that applies gives the condition's one recommendation, in rule order")
    func ruleOrder() throws {
        let rules = [
            ScreeningRule(condition: .hiv, measure: .hivPrevalence, atLeast: 1, test: "HIV test", source: "ecdc-2018"),
            ScreeningRule(condition: .activeTuberculosis, measure: .tbIncidence, atLeast: 100, withinMonthsOfArrival: 60, test: "X-ray, high incidence", source: "ecdc-2018"),
            ScreeningRule(condition: .activeTuberculosis, measure: .tbIncidence, atLeast: 40, test: "X-ray, any arrival", source: "ecdc-2018"),
            ScreeningRule(condition: .latentTuberculosis, measure: .tbIncidence, atLeast: 40, withinMonthsOfArrival: 60, test: "IGRA", source: "ecdc-2018"),
        ]
        let engine = F.engine(rules)
        let southAfrican = engine.recommend(for: Self.subject(born: "ZA", arrived: F.month(2026, 7)), on: F.today)
        #expect(southAfrican.map(\.condition) == [.hiv, .activeTuberculosis, .latentTuberculosis])
        #expect(southAfrican[1].test == "X-ray, high incidence" && southAfrican[1].threshold == 100)
        // Out of the first rule's window, the second still applies.
        let ukrainian = engine.recommend(for: Self.subject(born: "UA", arrived: F.month(2019, 11)), on: F.today)
        #expect(ukrainian.map(\.condition) == [.activeTuberculosis] && ukrainian[0].test == "X-ray, any arrival")
        // Below the first rule's threshold, the second applies.
        // (XL has no HIV figure: its HIV entry is no-data, still first.)
        let xl = engine.recommend(for: Self.subject(born: "XL", arrived: F.month(2026, 7)), on: F.today)
        #expect(xl.map(\.condition) == [.hiv, .activeTuberculosis, .latentTuberculosis] && xl[0].status == .noData)
        #expect(xl[1].test == "X-ray, any arrival" && xl[1].threshold == 40)
    }

    @Test("a rule with no figure gives way to a later rule that recommends the same condition, in the first one's place")
    func noDataGivesWay() throws {
        let engine = F.engine([
            ScreeningRule(condition: .hepatitisB, measure: .hbsagPrevalence, atLeast: 2, test: "HBsAg", source: "ecdc-2018"),
            ScreeningRule(condition: .hiv, measure: .hivPrevalence, atLeast: 1, test: "HIV test", source: "ecdc-2018"),
            // ECDC 2018: vaccinate children and adolescents without immunity against hepatitis B.
            ScreeningRule(condition: .hepatitisB, measure: .noVaccinationRecord, maxAge: 17, test: "HBsAg, anti-HBs, then vaccinate", source: "ecdc-2018"),
        ])
        func recs(_ origin: String, birth: String, vaccinated: Bool = false) -> [ScreeningRecommendation] {
            engine.recommend(for: Self.subject(born: origin, arrived: F.month(2026, 7), birth: F.born(birth), vaccinated: vaccinated), on: F.today)
        }
        // South Africa has no HBsAg figure; a 10-year-old without a vaccination record is offered the test by the second rule.
        let child = recs("ZA", birth: "2016-01-01")
        #expect(child.map(\.condition) == [.hepatitisB, .hiv])
        #expect(child[0].status == .recommended && child[0].test == "HBsAg, anti-HBs, then vaccinate" && child[0].measure == .noVaccinationRecord)
        // An adult, or a vaccinated child, is left with "no data".
        #expect(recs("ZA", birth: "1990-01-01").first { $0.condition == .hepatitisB }?.status == .noData)
        #expect(recs("ZA", birth: "2016-01-01", vaccinated: true).first { $0.condition == .hepatitisB }?.status == .noData)
        // Where the first rule has its figure and recommends, it wins.
        #expect(recs("XH", birth: "2016-01-01").first { $0.condition == .hepatitisB }?.test == "HBsAg")
        // The engine's population form agrees: a condition is eligible exactly when recommend recommends it.
        for (origin, birth, vaccinated) in [("ZA", "2016-01-01", false), ("ZA", "1990-01-01", false), ("ZA", "2016-01-01", true), ("XH", "1990-01-01", true), ("DE", "2016-01-01", false)] {
            let day = F.today
            let bits = engine.eligibility(originPass: engine.originPasses(for: [origin])[0], monthsSinceArrival: 4, age: F.born(birth).age(on: day),
                                          hasVaccinationRecord: vaccinated)
            let recommended = Set(recs(origin, birth: birth, vaccinated: vaccinated).filter { $0.status == .recommended }.map(\.condition))
            let eligible = Set(ScreeningCondition.allCases.enumerated().filter { bits & (UInt16(1) << UInt16($0.offset)) != 0 }.map(\.element))
            #expect(eligible == recommended, "\(origin) \(birth) \(vaccinated)")
        }
    }

    @Test("a rule with age limits admits only people whose age is known and within them")
    func ageLimits() {
        let engine = F.engine([ScreeningRule(condition: .latentTuberculosis, measure: .tbIncidence, atLeast: 40, minAge: 5, maxAge: 35,
                                             test: "IGRA", source: "ecdc-2018")])
        func offered(_ birth: PartialDate?) -> Bool {
            engine.recommend(for: Self.subject(born: "AF", arrived: F.month(2026, 7), birth: birth), on: F.today).contains { $0.condition == .latentTuberculosis }
        }
        #expect(!offered(F.born("1990-11-15")))   // 36 today
        #expect(offered(F.born("1990-11-16")))    // 35 until tomorrow
        #expect(!offered(nil))                    // unknown age: not assumed to fit
        #expect(!offered(F.born("2022-01-01")))   // 4
        #expect(offered(F.born("2021-11-15")))    // 5 today
        // A year of birth alone counts the youngest the person can be: born 1990 is 35 until the year ends.
        #expect(offered(F.born("1990")))
        #expect(engine.recommend(for: Self.subject(born: "AF", arrived: F.month(2026, 7), birth: F.born("2015-06-01")), on: F.today).first?
            .explanation(countryName: F.name).hasSuffix("aged 11") == true)
    }

    @Test("the shipped rules and country table parse, and Afghanistan (180 per 100,000 in 2023) gets TB screening at the threshold of 40")
    func shippedFiles() throws {
        let parameters = try ScreeningParameters.parse(try F.shipped("screening-parameters.json"))
        let countries = try JSONSerialization.jsonObject(with: try F.shipped("countries.json")) as? [String: Any]
        let known = Set((countries?["countries"] as? [[String: Any]] ?? []).compactMap { $0["alpha2"] as? String })
        #expect(known.count > 240)
        let table = try CountryEpidemiology.parse(try F.shipped("country-epidemiology.json"), knownCountries: known)
        #expect(table.countries.count > 200)
        let engine = ScreeningEngine(parameters: parameters, epidemiology: table)

        let recs = Self.recommendations(Self.subject(born: "AF", arrived: F.month(2026, 7)), engine: engine)
        for condition in [ScreeningCondition.activeTuberculosis, .latentTuberculosis] {
            let rec = try #require(recs[condition])
            #expect(rec.status == .recommended && rec.threshold == 40 && rec.figure?.value == 180 && rec.figure?.year == 2023)
            let text = rec.explanation(countryName: F.name)
            #expect(text.contains("Afghanistan") && text.contains("180 per 100,000") && text.contains("2023") && text.contains("threshold 40")
                    && text.contains("arrived 4 months ago"), "\(text)")
        }
        // Afghanistan's WHO 2022 hepatitis figures (HBsAg 1.8%, chronic HCV 0.2%) are known and under 2%: no hepatitis
        // screening, and not "no data" either.
        #expect(recs[.hepatitisB] == nil && recs[.hepatitisC] == nil)
        for code in table.countries.keys {
            for rec in engine.recommend(for: Self.subject(born: code, arrived: F.month(2026, 7)), on: F.today) {
                // A recommendation rests on a figure at or above the threshold (or a flag saying endemic); no-data on no figure.
                switch rec.status {
                case .recommended where rec.measure != .noVaccinationRecord:
                    let figure = try #require(rec.figure, "\(code) \(rec.condition)")
                    #expect(figure.value >= (rec.threshold ?? .leastNonzeroMagnitude), "\(code) \(rec.condition)")
                case .noData: #expect(rec.figure == nil, "\(code) \(rec.condition)")
                default: break
                }
            }
        }
    }

    @Test("the shipped table gives WHO's 2022 hepatitis B and C figures, with year and source, for every country the demo population comes from, and someone born in Turkmenistan (HBsAg 8.2%) is offered hepatitis B screening with that figure and its source as the reason")
    func shippedHepatitisFigures() throws {
        let parameters = try ScreeningParameters.parse(try F.shipped("screening-parameters.json"))
        let table = try CountryEpidemiology.parse(try F.shipped("country-epidemiology.json"))
        let hbv = try #require(table.sources["who-hbv-2024"])
        let hcv = try #require(table.sources["who-hcv-2024"])
        for source in [hbv, hcv] {
            #expect(source.publisher == "World Health Organization" && source.year == 2024 && source.url?.hasPrefix("https://ghoapi.azureedge.net/api/HEPATITIS_") == true)
            #expect(source.retrievedFrom?.contains("github.com/Derektshiabuila/Hepatitis-Dashboard @ 39ae79296a000793839836346a7052dc8e480945") == true)
        }
        // The hepatitis C figure is chronic (viraemic) infection, and the source says so: it is lower than anti-HCV.
        #expect(hbv.title.contains("HBsAg") && hcv.title.contains("chronic hepatitis C") && hcv.title.contains("not anti-HCV antibody prevalence"))

        // The countries the synthetic Belarus population is drawn from (labour, protection, stateless tracks).
        let tracks = [SyntheticFigures.labourOrigins, SyntheticFigures.protectionOrigins, SyntheticFigures.statelessOrigins]
        let demo = Set(tracks.flatMap(\.values).map { SyntheticOrigin.all[$0].country })
        // WHO's 2022 country data has no hepatitis estimate for China, India or Azerbaijan: absent, never zero.
        let withoutFigures: Set = ["CN", "IN", "AZ"]
        #expect(demo.isSuperset(of: withoutFigures) && demo.count > 20)
        for code in demo.sorted() {
            let country = try #require(table.countries[code], "\(code)")
            if withoutFigures.contains(code) {
                #expect(country.hbsagPrevalencePercent == nil && country.hcvPrevalencePercent == nil, "\(code)")
                continue
            }
            let b = try #require(country.hbsagPrevalencePercent, "\(code) HBsAg")
            let c = try #require(country.hcvPrevalencePercent, "\(code) HCV")
            #expect(country.antiHcvPrevalencePercent == nil, "no antibody figure is shipped: \(code)")
            #expect(b.year == 2022 && b.source == "who-hbv-2024" && c.year == 2022 && c.source == "who-hcv-2024", "\(code)")
        }
        // As in the 2022 rows of scripts/reference/sources/who_gho_hepatitis_2022.tsv (hbv_prevalence_pct, hcv_prevalence_pct).
        for (code, hbsag, chronicHCV) in [("TM", 8.2, 2.5), ("UA", 1.3, 3.4), ("RU", 1.1, 1.9), ("UZ", 2.1, 3.0), ("BY", 3.9, 2.1), ("AF", 1.8, 0.2)] {
            #expect(table.countries[code]?.hbsagPrevalencePercent?.value == hbsag && table.countries[code]?.hcvPrevalencePercent?.value == chronicHCV, "\(code)")
        }

        let engine = ScreeningEngine(parameters: parameters, epidemiology: table)
        let name = { (code: String) in ["TM": "Turkmenistan", "UA": "Ukraine"][code] ?? code }
        let turkmen = Self.recommendations(Self.subject(born: "TM", citizen: "TM", arrived: F.month(2026, 7)), engine: engine)
        let hepatitisB = try #require(turkmen[.hepatitisB])
        #expect(hepatitisB.status == .recommended && hepatitisB.threshold == 2)
        #expect(hepatitisB.figure == CountryEpidemiology.Figure(value: 8.2, year: 2022, source: "who-hbv-2024"))
        let reason = hepatitisB.explanation(countryName: name)
        #expect(reason.hasPrefix("born in Turkmenistan, where HBsAg prevalence is 8.2% (2022, World Health Organization); threshold 2 (ECDC 2018)"), "\(reason)")
        #expect(turkmen[.hepatitisC]?.status == .recommended && turkmen[.hepatitisC]?.figure?.value == 2.5)
        // Ukraine: HBsAg 1.3% is under the threshold (no recommendation); chronic HCV 3.4% is over it.
        let ukrainian = Self.recommendations(Self.subject(born: "UA", arrived: F.month(2026, 7)), engine: engine)
        #expect(ukrainian[.hepatitisB] == nil && ukrainian[.hepatitisC]?.status == .recommended)
        #expect(ukrainian[.hepatitisC]?.explanation(countryName: name).contains("Ukraine, where chronic hepatitis C prevalence is 3.4% (2022, World Health Organization)") == true,
                "\(ukrainian[.hepatitisC]?.explanation(countryName: name) ?? "")")
        // No WHO figure for China: hepatitis B is "no data", decided on clinical grounds.
        #expect(Self.recommendations(Self.subject(born: "CN", arrived: F.month(2026, 7)), engine: engine)[.hepatitisB]?.status == .noData)
    }

    @Test("every code the shipped rules offer is one the code tables know")
    func shippedRuleCodesAreKnown() throws {
        struct LOINCFile: Decodable { var codes: [ClinicalCodes.Test] }
        let loinc = try JSONDecoder().decode(LOINCFile.self, from: try F.shipped("codes/loinc.json"))
        let codes = ClinicalCodes(icd10: [:], tests: loinc.codes, vaccines: [])
        let parameters = try ScreeningParameters.parse(try F.shipped("screening-parameters.json"))
        for (index, rule) in parameters.rules.enumerated() {
            for code in rule.loinc { #expect((try? codes.test(code, field: "loinc")) != nil, "rules[\(index)] \(code)") }
            if let procedure = rule.procedure { #expect(ClinicalCodes.procedures[procedure] != nil, "rules[\(index)] \(procedure)") }
        }
        // The viral load that decides suppression is measured, as the cascade reads it.
        #expect(try codes.test("20447-9", field: "code").kind == .quantitative)
    }
}

@Suite("Screening rules and country tables refuse what they cannot use")
struct ScreeningParseTests {
    static func parse(_ parameters: ScreeningParameters) throws -> ScreeningParameters {
        try ScreeningParameters.parse(try JSONEncoder().encode(parameters))
    }
    static func parse(_ table: CountryEpidemiology, knownCountries: Set<String>? = nil) throws -> CountryEpidemiology {
        try CountryEpidemiology.parse(try JSONEncoder().encode(table), knownCountries: knownCountries)
    }

    @Test("a sound rule set parses back as written")
    func soundRules() throws {
        let parsed = try Self.parse(F.parameters())
        #expect(parsed.rules == F.standardRules && parsed.hivSuppressedBelow == 1000)
        // Endemicity and vaccination rules need no threshold.
        #expect(parsed.rules.filter { $0.atLeast == nil }.map(\.condition) == [.schistosomiasis, .strongyloidiasis, .vaccination])
    }

    @Test("a rule citing a source that is not listed is refused, naming the rule")
    func unknownRuleSource() throws {
        var rules = F.standardRules
        rules[1].source = "hearsay"
        let error = try #require(#expect(throws: CareBridgeError.self) { try Self.parse(F.parameters(rules)) })
        #expect(error.kind == .validation && error.field == "rules[1].source" && error.detail.contains("'hearsay'"))
        var parameters = F.parameters()
        parameters.hivSuppressionSource = "nowhere"
        #expect(#expect(throws: CareBridgeError.self) { try Self.parse(parameters) }?.field == "hivSuppressionSource")
    }

    @Test("a rule comparing a figure needs a threshold; a negative one is refused too")
    func missingThreshold() throws {
        var rules = F.standardRules
        rules[2].atLeast = nil   // HIV prevalence
        let error = try #require(#expect(throws: CareBridgeError.self) { try Self.parse(F.parameters(rules)) })
        #expect(error.field == "rules[2].atLeast" && error.detail.contains("hiv-prevalence"))
        rules[2].atLeast = -1
        #expect(#expect(throws: CareBridgeError.self) { try Self.parse(F.parameters(rules)) }?.field == "rules[2].atLeast")
    }

    @Test("ages out of order and a non-positive arrival window are refused")
    func agesAndWindow() throws {
        var rules = F.standardRules
        (rules[0].minAge, rules[0].maxAge) = (40, 18)
        let error = try #require(#expect(throws: CareBridgeError.self) { try Self.parse(F.parameters(rules)) })
        #expect(error.field == "rules[0].minAge" && error.detail.contains("40") && error.detail.contains("18"))
        (rules[0].minAge, rules[0].maxAge) = (18, 18)
        #expect(try Self.parse(F.parameters(rules)).rules[0].maxAge == 18)
        rules[0].withinMonthsOfArrival = 0
        #expect(#expect(throws: CareBridgeError.self) { try Self.parse(F.parameters(rules)) }?.field == "rules[0].withinMonthsOfArrival")
    }

    @Test("a sound country table parses back as written, and keys are checked against ISO codes when a list is given")
    func soundTable() throws {
        let parsed = try Self.parse(F.table, knownCountries: Set(F.table.countries.keys))
        #expect(parsed.countries == F.table.countries)
        var table = F.table
        table.countries["Afghanistan"] = table.countries["AF"]
        let error = try #require(#expect(throws: CareBridgeError.self) { try Self.parse(table, knownCountries: Set(F.table.countries.keys)) })
        #expect(error.field == "countries.Afghanistan" && error.detail.contains("ISO 3166-1 alpha-2"))
    }

    @Test("a figure out of range is refused, naming country and figure")
    func figureOutOfRange() throws {
        var table = F.table
        table.countries["ZA"]?.hivPrevalencePercent = F.hiv(117)
        let error = try #require(#expect(throws: CareBridgeError.self) { try Self.parse(table) })
        #expect(error.field == "countries.ZA.hivPrevalencePercent" && error.detail.contains("117"))
        table = F.table
        table.countries["AF"]?.tbIncidencePer100k = F.tb(-3)
        #expect(#expect(throws: CareBridgeError.self) { try Self.parse(table) }?.field == "countries.AF.tbIncidencePer100k")
        // The chronic hepatitis C figure is checked as the others are.
        table = F.table
        table.countries["AF"]?.hcvPrevalencePercent = .init(value: 140, year: 2022, source: F.table.sources.keys.sorted()[0])
        #expect(#expect(throws: CareBridgeError.self) { try Self.parse(table) }?.field == "countries.AF.hcvPrevalencePercent")
    }

    @Test("a figure or flag citing a source that is not listed is refused")
    func figureUnknownSource() throws {
        var table = F.table
        table.countries["AF"]?.tbIncidencePer100k = .init(value: 180, year: 2023, source: "who-tb-2099")
        let error = try #require(#expect(throws: CareBridgeError.self) { try Self.parse(table) })
        #expect(error.field == "countries.AF.tbIncidencePer100k.source" && error.detail.contains("'who-tb-2099'"))
        table = F.table
        table.countries["SO"]?.schistosomiasisEndemic = .init(value: true, source: "rumour")
        #expect(#expect(throws: CareBridgeError.self) { try Self.parse(table) }?.field == "countries.SO.schistosomiasisEndemic.source")
    }
}

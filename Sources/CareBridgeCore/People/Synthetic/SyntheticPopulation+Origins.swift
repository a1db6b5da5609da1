/// A country people come from, with what the generator needs to know about it.
struct SyntheticOrigin: Sendable {
    let country: String
    let names: SyntheticNameGroup
    /// Surnames from another group for mixed families (Belarusian surnames among Russians and Ukrainians).
    let mixedFamily: SyntheticNameGroup?
    let mixedShare: Double
    let languagesWithRussian: [String]
    let languagesWithoutRussian: [String]
    /// Share who speak Russian well enough for care without an interpreter; assumed.
    let russianShare: Double
    /// Armenia, Kazakhstan, Kyrgyzstan, Russia: EAEU Treaty art. 96-98, Annex 30.
    let eaeu: Bool
    /// CIS, Russian and Turkmen citizens need no compulsory insurance (mfa.gov.by, Decree No. 108 of 2025).
    let insuranceExempt: Bool
    /// Passport number shape: `#` a digit, `@` a capital letter, anything else literal. Shapes follow the
    /// countries' current passports as seen on sample documents; not verified against each issuing authority.
    let passport: String

    init(_ country: String, _ names: SyntheticNameGroup, mixed: SyntheticNameGroup? = nil, mixedShare: Double = 0,
         languages: [String], russian: Double, eaeu: Bool = false, exempt: Bool = false, passport: String) {
        self.country = country
        self.names = names
        mixedFamily = mixed
        self.mixedShare = mixedShare
        languagesWithoutRussian = languages
        languagesWithRussian = languages.contains("ru") ? languages : languages + ["ru"]
        russianShare = russian
        self.eaeu = eaeu
        insuranceExempt = exempt
        self.passport = passport
    }

    static func index(_ country: String) -> Int {
        guard let index = all.firstIndex(where: { $0.country == country }) else { preconditionFailure("no origin \(country)") }
        return index
    }

    static let belarus = index("BY")

    /// Russian-speaking shares are assumed from the role Russian plays in each country.
    static let all: [SyntheticOrigin] = [
        SyntheticOrigin("TM", .turkmen, languages: ["tk"], russian: 0.55, exempt: true, passport: "A#######"),
        SyntheticOrigin("RU", .russian, mixed: .belarusian, mixedShare: 0.1, languages: ["ru"], russian: 1, eaeu: true, exempt: true, passport: "#########"),
        SyntheticOrigin("UA", .ukrainian, mixed: .belarusian, mixedShare: 0.08, languages: ["uk"], russian: 0.95, exempt: true, passport: "@@######"),
        SyntheticOrigin("UZ", .uzbek, languages: ["uz"], russian: 0.5, exempt: true, passport: "@@#######"),
        SyntheticOrigin("CN", .chinese, languages: ["zh"], russian: 0.1, passport: "E########"),
        SyntheticOrigin("TJ", .tajik, languages: ["tg"], russian: 0.5, exempt: true, passport: "#########"),
        SyntheticOrigin("KZ", .kazakh, languages: ["kk"], russian: 0.95, eaeu: true, exempt: true, passport: "N########"),
        SyntheticOrigin("KG", .kyrgyz, languages: ["ky"], russian: 0.8, eaeu: true, exempt: true, passport: "AC#######"),
        SyntheticOrigin("AM", .armenian, languages: ["hy"], russian: 0.8, eaeu: true, exempt: true, passport: "@@#######"),
        SyntheticOrigin("AZ", .azerbaijani, languages: ["az"], russian: 0.7, exempt: true, passport: "C########"),
        SyntheticOrigin("MD", .moldovan, languages: ["ro"], russian: 0.8, exempt: true, passport: "B########"),
        SyntheticOrigin("GE", .georgian, languages: ["ka"], russian: 0.6, passport: "##@@#####"),
        SyntheticOrigin("IN", .indian, languages: ["hi", "en"], russian: 0.05, passport: "@#######"),
        SyntheticOrigin("VN", .vietnamese, languages: ["vi"], russian: 0.2, passport: "C#######"),
        SyntheticOrigin("NG", .nigerian, languages: ["en"], russian: 0.05, passport: "A########"),
        SyntheticOrigin("IQ", .arabic, languages: ["ar"], russian: 0.05, passport: "A########"),
        SyntheticOrigin("IR", .persian, languages: ["fa"], russian: 0.05, passport: "@########"),
        SyntheticOrigin("PK", .urdu, languages: ["ur", "en"], russian: 0.05, passport: "@@#######"),
        SyntheticOrigin("LK", .sinhala, languages: ["si", "en"], russian: 0.05, passport: "N#######"),
        SyntheticOrigin("TR", .turkish, languages: ["tr"], russian: 0.1, passport: "U########"),
        SyntheticOrigin("LB", .arabic, languages: ["ar", "fr"], russian: 0.05, passport: "RL#######"),
        SyntheticOrigin("SY", .arabic, languages: ["ar"], russian: 0.1, passport: "N########"),
        SyntheticOrigin("AF", .persian, languages: ["fa-AF", "ps"], russian: 0.05, passport: "P########"),
        // Birth country only: stateless people born in the Byelorussian SSR.
        SyntheticOrigin("BY", .russian, mixed: .belarusian, mixedShare: 0.7, languages: ["ru", "be"], russian: 1, passport: "@@#######"),
    ]
}

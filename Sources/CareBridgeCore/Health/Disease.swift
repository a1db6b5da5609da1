import Foundation

/// The communicable diseases CareBridge follows from screening to outcome. Each maps to its ICD-10 categories
/// (WHO ICD-10, 2019 edition) so a diagnosis code says which disease a case is about.
public enum Disease: String, Codable, Sendable, CaseIterable, Hashable {
    case tuberculosis
    case hiv
    case hepatitisB = "hepatitis-b"
    case hepatitisC = "hepatitis-c"
    case measles
    case syphilis
    case strongyloidiasis
    case schistosomiasis

    /// ICD-10 three-character categories (and A-prefix ranges) that mean this disease.
    public var icd10Categories: [String] {
        switch self {
        case .tuberculosis: ["A15", "A16", "A17", "A18", "A19"]
        case .hiv: ["B20", "B21", "B22", "B23", "B24", "Z21"]
        case .hepatitisB: ["B16", "B18.0", "B18.1"]
        case .hepatitisC: ["B17.1", "B18.2"]
        case .measles: ["B05"]
        case .syphilis: ["A50", "A51", "A52", "A53"]
        case .strongyloidiasis: ["B78"]
        case .schistosomiasis: ["B65"]
        }
    }

    /// The disease an ICD-10 code belongs to, if it is one followed here (`A15.0` -> tuberculosis).
    public static func of(icd10 code: String) -> Disease? {
        let code = code.uppercased()
        return allCases.first { disease in disease.icd10Categories.contains { code == $0 || code.hasPrefix($0) } }
    }

    /// The diseases whose care cascade is computed (issue 7: TB, HIV and hepatitis).
    public static let cascaded: [Disease] = [.tuberculosis, .hiv, .hepatitisB, .hepatitisC]
}

/// Case classification as in the EU case definitions (Commission Implementing Decision (EU) 2018/945 of 22 June 2018,
/// https://eur-lex.europa.eu/eli/dec_impl/2018/945/oj): possible/suspected, probable, confirmed.
public enum CaseClassification: String, Codable, Sendable, CaseIterable, Comparable {
    case suspected, probable, confirmed

    var rank: Int { switch self { case .suspected: 0; case .probable: 1; case .confirmed: 2 } }
    public static func < (a: CaseClassification, b: CaseClassification) -> Bool { a.rank < b.rank }
}

import Foundation

/// The code systems clinical records are written in, loaded from Resources/reference/codes (WHO ICD-10 2019, a LOINC
/// subset, CDC CVX), plus the few local procedure codes for tests LOINC has no verified code for here. A code not in
/// its table is refused with a message naming the field, so a typo never becomes a diagnosis.
public struct ClinicalCodes: Sendable {
    public struct Test: Codable, Sendable, Hashable {
        public enum Kind: String, Codable, Sendable { case qualitative, quantitative, nominal, panel }
        public var code: String
        public var display: String
        public var kind: Kind
        public var ucum: String?
        public var topic: String?
        public init(code: String, display: String, kind: Kind, ucum: String? = nil, topic: String? = nil) {
            (self.code, self.display, self.kind, self.ucum, self.topic) = (code, display, kind, ucum, topic)
        }
    }
    public struct Vaccine: Codable, Sendable, Hashable {
        public var code: String
        public var display: String
        public var shortDescription: String?
        public var antigens: [String]
        public init(code: String, display: String, shortDescription: String? = nil, antigens: [String]) {
            (self.code, self.display, self.shortDescription, self.antigens) = (code, display, shortDescription, antigens)
        }
    }

    public static let icd10System = "http://hl7.org/fhir/sid/icd-10"
    public static let loincSystem = "http://loinc.org"
    public static let cvxSystem = "http://hl7.org/fhir/sid/cvx"
    public static let procedureSystem = "https://carebridge.health/fhir/CodeSystem/screening-procedure"

    /// ICD-10 code (with the dot) to its English title, and Russian where the register gives one.
    public let icd10: [String: String]
    public let icd10Russian: [String: String]
    public let tests: [String: Test]
    public let vaccines: [String: Vaccine]

    /// Local codes for screening procedures with no LOINC code verified here.
    public static let procedures: [String: Test] = [
        "chest-x-ray": Test(code: "chest-x-ray", display: "Chest X-ray for tuberculosis screening", kind: .qualitative, topic: "tb"),
        "symptom-screen": Test(code: "symptom-screen", display: "Tuberculosis symptom screen", kind: .qualitative, topic: "tb"),
        "schistosoma-serology": Test(code: "schistosoma-serology", display: "Schistosoma antibody serology", kind: .qualitative, topic: "schistosomiasis"),
        "strongyloides-serology": Test(code: "strongyloides-serology", display: "Strongyloides antibody serology", kind: .qualitative, topic: "strongyloidiasis"),
    ]

    public init(icd10: [String: String], icd10Russian: [String: String] = [:], tests: [Test], vaccines: [Vaccine]) {
        self.icd10 = icd10
        self.icd10Russian = icd10Russian
        self.tests = Dictionary(tests.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }).merging(Self.procedures) { a, _ in a }
        self.vaccines = Dictionary(vaccines.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The ICD-10 code as stored (upper case, with the dot), or an error naming the field.
    public func diagnosis(_ code: String, field: String) throws -> String {
        var normalized = code.trimmed.uppercased()
        if normalized.count > 3, !normalized.contains(".") { normalized.insert(".", at: normalized.index(normalized.startIndex, offsetBy: 3)) }
        guard icd10[normalized] != nil else {
            throw CareBridgeError.invalid(field, "\(field) '\(code)' is not an ICD-10 code (WHO 2019 edition), such as A15.0 or B20.")
        }
        return normalized
    }

    /// The test for a LOINC or local procedure code, or an error naming the field.
    public func test(_ code: String, field: String) throws -> Test {
        guard let test = tests[code.trimmed] else {
            throw CareBridgeError.invalid(field, "\(field) '\(code)' is not a LOINC code this server knows (nor a local screening procedure such as chest-x-ray).")
        }
        return test
    }

    /// The vaccine for a CVX code, or an error naming the field.
    public func vaccine(_ code: String, field: String) throws -> Vaccine {
        let trimmed = code.trimmed
        guard let vaccine = vaccines[trimmed] ?? vaccines[trimmed.count == 1 ? "0" + trimmed : trimmed] else {
            throw CareBridgeError.invalid(field, "\(field) '\(code)' is not a CVX vaccine code, such as 03 (MMR) or 08 (hepatitis B).")
        }
        return vaccine
    }

    /// The code system a test code belongs to (LOINC, or the local procedures).
    public static func system(ofTest code: String) -> String { procedures[code] != nil ? procedureSystem : loincSystem }

    /// A small table for tests and tools that run without the shipped files.
    public static let minimal = ClinicalCodes(
        icd10: ["A15.0": "Tuberculosis of lung, confirmed by sputum microscopy with or without culture", "A15": "Respiratory tuberculosis, bacteriologically and histologically confirmed",
                "A16.2": "Tuberculosis of lung, without mention of bacteriological or histological confirmation", "B20": "Human immunodeficiency virus [HIV] disease resulting in infectious and parasitic diseases",
                "B18.1": "Chronic viral hepatitis B without delta-agent", "B18.2": "Chronic viral hepatitis C", "B05.9": "Measles without complication", "J18.9": "Pneumonia, unspecified"],
        tests: [Test(code: "71773-6", display: "Mycobacterium tuberculosis stimulated gamma interferon [Interpretation] in Blood Qualitative", kind: .qualitative, topic: "tb"),
                Test(code: "56888-1", display: "HIV 1+2 Ab+HIV1 p24 Ag [Presence] in Serum or Plasma by Immunoassay", kind: .qualitative, topic: "hiv"),
                Test(code: "20447-9", display: "HIV 1 RNA [#/volume] (viral load) in Serum or Plasma by NAA with probe detection", kind: .quantitative, topic: "hiv"),
                Test(code: "5196-1", display: "Hepatitis B virus surface Ag [Presence] in Serum or Plasma by Immunoassay", kind: .qualitative, topic: "hepatitis-b"),
                Test(code: "13955-0", display: "Hepatitis C virus Ab [Presence] in Serum or Plasma by Immunoassay", kind: .qualitative, topic: "hepatitis-c"),
                Test(code: "85362-2", display: "Mycobacterium tuberculosis complex DNA [Presence] in Sputum or Bronchial by NAA with probe detection", kind: .qualitative, topic: "tb")],
        vaccines: [Vaccine(code: "03", display: "measles, mumps and rubella virus vaccine", shortDescription: "MMR", antigens: ["measles", "mumps", "rubella"]),
                   Vaccine(code: "08", display: "hepatitis B vaccine, pediatric or pediatric/adolescent dosage", antigens: ["hepatitis-b"])])
}

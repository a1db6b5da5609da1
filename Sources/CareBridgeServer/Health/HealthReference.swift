import CareBridgeCore
import CareBridgeStore
import Foundation
import Synchronization

/// The screening rules, the country table and the clinical code tables, loaded from Resources/reference once per
/// process; the country table can be replaced by an administrator's import (kept in `reference_documents`).
public final class HealthReference: Sendable {
    public let codes: ClinicalCodes
    public let parameters: ScreeningParameters
    private let engineState: Mutex<ScreeningEngine>

    public var engine: ScreeningEngine { engineState.withLock { $0 } }

    init(codes: ClinicalCodes, parameters: ScreeningParameters, epidemiology: CountryEpidemiology) {
        self.codes = codes
        self.parameters = parameters
        self.engineState = Mutex(ScreeningEngine(parameters: parameters, epidemiology: epidemiology))
    }

    /// Puts an imported country table in force.
    func replace(_ epidemiology: CountryEpidemiology) {
        engineState.withLock { $0 = ScreeningEngine(parameters: parameters, epidemiology: epidemiology) }
    }

    static let documentName = "country-epidemiology"

    struct ICD10File: Decodable {
        struct Entry: Decodable { var code: String; var display: String; var displays: [String: String]? }
        var codes: [Entry]
    }
    struct TestsFile: Decodable { var codes: [ClinicalCodes.Test] }
    struct VaccinesFile: Decodable {
        struct Entry: Decodable { var system: String; var code: String; var display: String; var shortDescription: String?; var antigens: [String]?; var nonVaccine: Bool? }
        var cvx: [Entry]?
        var codes: [Entry]?
    }

    /// The shipped files, checked against the shipped country list (for tools and benchmarks).
    public static func shipped() throws -> HealthReference {
        try shipped(countries: Set(try ReferenceData.countryTable().countries.keys))
    }

    /// The shipped files (read once per process, like the country table).
    static func shipped(countries: Set<String>) throws -> HealthReference {
        if let loaded = loaded.withLock({ $0 }) { return HealthReference(codes: loaded.codes, parameters: loaded.parameters, epidemiology: loaded.engine.epidemiology) }
        func data(_ name: String) throws -> Data { try Data(contentsOf: try ReferenceData.url(name)) }
        let icd = try JSONDecoder().decode(ICD10File.self, from: try data("codes/icd10.json"))
        let tests = try JSONDecoder().decode(TestsFile.self, from: try data("codes/loinc.json"))
        let vaccines = try JSONDecoder().decode(VaccinesFile.self, from: try data("codes/vaccines.json"))
        let cvx = (vaccines.cvx ?? vaccines.codes ?? []).filter { $0.system.hasSuffix("cvx") && $0.nonVaccine != true }
        let codes = ClinicalCodes(
            icd10: Dictionary(icd.codes.map { ($0.code, $0.display) }, uniquingKeysWith: { a, _ in a }),
            icd10Russian: Dictionary(icd.codes.compactMap { e in e.displays?["ru"].map { (e.code, $0) } }, uniquingKeysWith: { a, _ in a }),
            tests: tests.codes,
            vaccines: cvx.map { ClinicalCodes.Vaccine(code: $0.code, display: $0.display, shortDescription: $0.shortDescription, antigens: $0.antigens ?? []) })
        let parameters = try ScreeningParameters.parse(try data("screening-parameters.json"))
        let epidemiology = try CountryEpidemiology.parse(try data("country-epidemiology.json"), knownCountries: countries)
        let reference = HealthReference(codes: codes, parameters: parameters, epidemiology: epidemiology)
        loaded.withLock { $0 = reference }
        return HealthReference(codes: codes, parameters: parameters, epidemiology: epidemiology)
    }
    static let loaded = Mutex<HealthReference?>(nil)
}

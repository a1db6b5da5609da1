import CareBridgeCore
import CareBridgeStore
import Foundation
import Synchronization

/// Data files shipped under Resources/reference, loaded into a fresh database.
enum ReferenceData {
    /// The organization the first administrator belongs to: the ministry that runs the platform.
    static let operatorSlug = "by-ministry-of-health"

    struct OrganizationEntry: Decodable {
        var slug: String
        var kind: String
        var names: [String: String]
        var region: String?
        var source: String?
    }

    struct OrganizationsFile: Decodable {
        var country: String
        var organizations: [OrganizationEntry]
    }

    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources/reference") else {
            throw CareBridgeError(.storage, title: "Missing reference data", detail: "Resources/reference/\(name) is not in the build.")
        }
        return url
    }

    /// Loads the demo organizations of the national system; returns how many.
    static func loadOrganizations(services: AppServices) async throws -> Int {
        let file = try JSONDecoder().decode(OrganizationsFile.self, from: Data(contentsOf: try url("organizations-by.json")))
        let now = services.now()
        let organizations = try file.organizations.map { entry in
            let organization = Organization(slug: entry.slug, kind: try OrganizationKind.parse(entry.kind), names: entry.names,
                                            region: entry.region, createdAt: now)
            try organization.validate()
            return organization
        }
        try await services.database.write { db in
            for organization in organizations { try await services.organizations.create(organization, in: db) }
        }
        return organizations.count
    }

    struct CountriesFile: Decodable { var countries: [CountryTable.Country] }
    struct RegionsFile: Decodable { var subdivisions: [CountryTable.Region] }

    /// ISO 3166-1 countries and the regions served, from countries.json and regions.json (read once per process).
    static func countryTable() throws -> CountryTable {
        if let table = loadedTable.withLock({ $0 }) { return table }
        let countries = try JSONDecoder().decode(CountriesFile.self, from: Data(contentsOf: try url("countries.json"))).countries
        let regions = try JSONDecoder().decode(RegionsFile.self, from: Data(contentsOf: try url("regions.json"))).subdivisions
        let table = CountryTable(countries: countries, regions: regions)
        loadedTable.withLock { $0 = table }
        return table
    }
    static let loadedTable = Mutex<CountryTable?>(nil)
}

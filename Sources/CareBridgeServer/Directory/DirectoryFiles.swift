import CareBridgeCore
import Foundation
import Logging

/// `carebridge import directory` and `carebridge export directory`: HSDS 3.0 files in the CareBridge profile.
public enum DirectoryFiles {
    public static func importFile(path: String, configuration: AppConfiguration) async throws -> DirectoryCatalog.ImportSummary {
        let data = try LocalFile.read(path)
        return try await Admin.withServices(configuration) { services in
            // A fresh database gets the shipped organizations first, as `serve` would, so slugs in the file find them.
            if try await services.organizations.count() == 0 { _ = try await ReferenceData.loadOrganizations(services: services) }
            return try await services.directory.importFile(data, services: services, by: nil, requestID: nil)
        }
    }

    /// The whole directory as one file, names in `language`, cost options from the rules in force today.
    public static func export(language: String, configuration: AppConfiguration) async throws -> Data {
        try Validation.languageTag(language, field: "lang")
        return try await Admin.withServices(configuration) { services in
            try await services.ruleSets.load(database: services.database, now: services.now(), logger: Logger(label: "carebridge.export"))
            let entries = try await services.directory.repository.entries()
            let file = services.directory.writer(language: language, services: services)
                .file(entries, country: configuration.country, demo: entries.contains { $0.profile.demo }, note: nil)
            return file.encoded(pretty: true)
        }
    }

    /// Each problem of a refused file as `path: reason`, or the error's own text.
    public static func problems(of error: any Error) -> [String] {
        guard let error = error as? CareBridgeError else { return ["\(error)"] }
        if let data = error.extensions["issues"], let issues = try? JSONDecoder().decode([JSONSchemaCheck.Problem].self, from: data) {
            return issues.map(\.description)
        }
        return [error.detail]
    }
}

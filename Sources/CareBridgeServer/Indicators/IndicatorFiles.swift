import CareBridgeCore
import Foundation
import Logging

/// `carebridge export indicators`: the indicators computed from the database as the server would publish them
/// (suppressed), as CSV or as a DHIS2 data value set, without a running server. The operator of the command holds the
/// database itself, so no access decision is made; only published, suppressed figures are written.
public enum IndicatorFiles {
    public enum Format: String, CaseIterable, Sendable { case csv, dhis2 }

    public static func export(ids: [String], by: [String], from: String?, to: String?, format: Format, period: String?, orgUnit: String?,
                              configuration: AppConfiguration) async throws -> Data {
        try await Admin.withServices(configuration) { services in
            try await loadImportedIndicators(services: services, logger: Logger(label: "carebridge.export"))
            try await loadImportedEpidemiology(services: services, logger: Logger(label: "carebridge.export"))
            try await services.population.build(logger: Logger(label: "carebridge.export"))
            let catalog = services.indicators.catalog
            let chosen = try (ids.isEmpty ? catalog.indicators.map(\.id) : ids).map { id in
                guard let indicator = catalog.indicator(id) else {
                    throw CareBridgeError.invalid("indicator", "'\(id)' is not one of \(catalog.indicators.map(\.id).joined(separator: ", ")).")
                }
                return indicator
            }
            let service = IndicatorService(services: services)
            var dhis2Period: DHIS2Period?
            var query = try service.query(by: by, from: from, to: to)
            if format == .dhis2 {
                guard let period = period.nonBlank, let orgUnit = orgUnit.nonBlank else {
                    throw CareBridgeError.invalid("period", "A DHIS2 export needs --period (2026W10, 202603) and --org-unit.")
                }
                guard by.filter({ !$0.isEmpty }).count <= 1 else { throw CareBridgeError.invalid("by", "A DHIS2 export takes the overall figure or one breakdown (one --by).") }
                let parsed = try DHIS2Period(parsing: period)
                dhis2Period = parsed
                query = try service.query(by: by, from: parsed.from.description, to: parsed.to.description)
                _ = orgUnit
            }
            let snapshot = await services.population.current()
            let results = chosen.map { IndicatorResult.compute($0, catalog: catalog, snapshot: snapshot, engine: services.health.engine, query: query) }
            switch format {
            case .csv:
                // One header, then each indicator's lines.
                var lines: [String] = []
                for (i, result) in results.enumerated() {
                    let own = result.csv.split(separator: "\n").map(String.init)
                    lines += i == 0 ? own : Array(own.dropFirst())
                }
                return Data((lines.joined(separator: "\n") + "\n").utf8)
            case .dhis2:
                var set: DHIS2DataValueSet?
                for result in results {
                    let part = try DHIS2Export.dataValueSet(result, by: query.dimensions.first, mapping: services.indicators.mapping, period: dhis2Period!, orgUnit: orgUnit ?? "").set
                    if set == nil { set = part } else { set!.dataValues += part.dataValues }
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                return try encoder.encode(set)
            }
        }
    }
}

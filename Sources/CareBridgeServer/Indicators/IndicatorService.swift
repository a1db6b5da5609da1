import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import Logging

/// The equity indicators: their definitions, each computed over the population snapshot and published suppressed
/// (an aggregate read, decided by the access policy and audited, never a person's data), exported as CSV or as a
/// DHIS2 data value set; the catalog and the DHIS2 mapping replaced by a platform administrator.
struct IndicatorService: Sendable {
    let services: AppServices
    var reference: IndicatorReference { services.indicators }

    /// The query parameters of a computed indicator: `by` (repeated, at most two), `from`, `to` (default today).
    func query(by: [String], from: String?, to: String?) throws -> IndicatorQuery {
        let dimensions = try by.filter { !$0.isEmpty }.map { name in
            guard let d = IndicatorDimension(rawValue: name) else {
                throw CareBridgeError.invalid("by", "'\(name)' is not one of \(IndicatorDimension.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return d
        }
        return try IndicatorQuery(dimensions: dimensions, from: try from.nonBlank.map { try CalendarDay(parsing: $0, field: "from") },
                                  to: try to.nonBlank.map { try CalendarDay(parsing: $0, field: "to") } ?? services.today, home: services.configuration.country)
    }

    func definition(_ id: String) throws -> IndicatorDefinition {
        guard let indicator = reference.catalog.indicator(id) else { throw CareBridgeError.notFound("The indicator \(id)") }
        return indicator
    }

    /// One indicator computed and suppressed, for a user the policy lets read aggregates.
    func compute(_ id: String, query: IndicatorQuery, request: Request, context: AppRequestContext) async throws -> IndicatorResult {
        let indicator = try definition(id)
        try await services.gate.authorizeAggregate(request: request, context: context)
        guard services.population.isComplete else {
            throw CareBridgeError(.unavailable, title: "Population still loading",
                                  detail: "The population snapshot is still being read after a restart; ask again in a minute.")
        }
        return IndicatorResult.compute(indicator, catalog: reference.catalog, snapshot: await services.population.current(), engine: services.health.engine, query: query)
    }

    /// The indicator over a DHIS2 period, as a data value set for `orgUnit`; `omitted` counts the hidden figures left out.
    func dhis2(_ id: String, period: String?, orgUnit: String?, by: [String], request: Request, context: AppRequestContext) async throws -> (set: DHIS2DataValueSet, omitted: Int) {
        guard let period = period.nonBlank else { throw CareBridgeError.invalid("period", "Name the DHIS2 period, e.g. period=2026W10 or period=202603.") }
        guard let orgUnit = orgUnit.nonBlank else { throw CareBridgeError.invalid("orgUnit", "Name the DHIS2 organisation unit the figures are for (orgUnit=UID).") }
        let dhis2Period = try DHIS2Period(parsing: period)
        let query = try self.query(by: by, from: dhis2Period.from.description, to: dhis2Period.to.description)
        guard query.dimensions.count <= 1 else { throw CareBridgeError.invalid("by", "A DHIS2 export takes the overall figure or one breakdown (one `by`).") }
        let result = try await compute(id, query: query, request: request, context: context)
        return try DHIS2Export.dataValueSet(result, by: query.dimensions.first, mapping: reference.mapping, period: dhis2Period, orgUnit: orgUnit)
    }

    /// Replaces the indicator catalog (platform administrators): checked whole, kept, in force at once and after restarts.
    func importCatalog(_ data: Data, context: AppRequestContext) async throws -> IndicatorCatalog {
        let identity = try context.requirePlatformAdmin("Only platform administrators replace the indicator definitions.")
        let catalog = try IndicatorCatalog.parse(data)
        try await save(IndicatorReference.catalogDocument, data, by: identity.user.id)
        reference.replace(catalog)
        return catalog
    }

    /// Replaces the DHIS2 mapping (platform administrators), likewise.
    func importMapping(_ data: Data, context: AppRequestContext) async throws -> DHIS2Mapping {
        let identity = try context.requirePlatformAdmin("Only platform administrators replace the DHIS2 mapping.")
        let mapping = try DHIS2Mapping.parse(data)
        try await save(IndicatorReference.mappingDocument, data, by: identity.user.id)
        reference.replace(mapping)
        return mapping
    }

    func save(_ name: String, _ data: Data, by user: UUID) async throws {
        let now = services.now()
        try await services.database.write { db in
            try await services.healthRecords.saveReferenceDocument(name, String(decoding: data, as: UTF8.self), by: user, at: now, in: db)
        }
    }
}

/// Puts in force the indicator catalog and DHIS2 mapping an administrator imported before this start.
func loadImportedIndicators(services: AppServices, logger: Logger) async throws {
    if let stored = try await services.healthRecords.referenceDocument(IndicatorReference.catalogDocument) {
        do { services.indicators.replace(try IndicatorCatalog.parse(Data(stored.utf8))) } catch {
            logger.error("The imported indicator catalog no longer parses; using the shipped one", metadata: ["error": "\(error)"])
        }
    }
    if let stored = try await services.healthRecords.referenceDocument(IndicatorReference.mappingDocument) {
        do { services.indicators.replace(try DHIS2Mapping.parse(Data(stored.utf8))) } catch {
            logger.error("The imported DHIS2 mapping no longer parses; using the shipped one", metadata: ["error": "\(error)"])
        }
    }
}

import CareBridgeCore
import CareBridgeStore
import Foundation
import Synchronization

/// The indicator catalog and the DHIS2 mapping in force: the shipped files (Resources/reference/indicators.json and
/// dhis2-mapping.json), or what a platform administrator imported in their place (kept in `reference_documents`,
/// used again after a restart), as the country table is.
public final class IndicatorReference: Sendable {
    private let state: Mutex<(catalog: IndicatorCatalog, mapping: DHIS2Mapping)>

    public var catalog: IndicatorCatalog { state.withLock { $0.catalog } }
    public var mapping: DHIS2Mapping { state.withLock { $0.mapping } }

    init(catalog: IndicatorCatalog, mapping: DHIS2Mapping) { state = Mutex((catalog, mapping)) }

    static let catalogDocument = "indicators"
    static let mappingDocument = "dhis2-mapping"

    /// The shipped files, checked.
    public static func shipped() throws -> IndicatorReference {
        IndicatorReference(catalog: try IndicatorCatalog.parse(try Data(contentsOf: try ReferenceData.url("indicators.json"))),
                           mapping: try DHIS2Mapping.parse(try Data(contentsOf: try ReferenceData.url("dhis2-mapping.json"))))
    }

    func replace(_ catalog: IndicatorCatalog) { state.withLock { $0.catalog = catalog } }
    func replace(_ mapping: DHIS2Mapping) { state.withLock { $0.mapping = mapping } }
}

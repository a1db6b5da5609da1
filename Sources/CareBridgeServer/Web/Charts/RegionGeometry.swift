import Foundation
import Synchronization

/// A country's region outlines, as data: Resources/reference/regions-<country>.json (made by
/// scripts/reference/gen_regions.py, which names its source and licence in the file). Each region is an SVG path in
/// the file's viewBox, keyed by its ISO 3166-2 code, with a point to write its label at; a region drawn inside
/// another (Minsk city in Minsk region) comes after it, so it is drawn on top.
struct RegionGeometry: Sendable, Decodable, Equatable {
    struct Region: Sendable, Decodable, Equatable {
        var code: String
        var path: String
        var label: [Double]
        /// The region this one lies inside, if any.
        var inside: String?
    }

    var country: String
    var source: String
    var licence: String
    var viewBox: String
    var regions: [Region]

    /// Width and height of the viewBox ("0 0 600 524").
    var size: (width: Double, height: Double) {
        let parts = viewBox.split(separator: " ").compactMap { Double($0) }
        return parts.count == 4 ? (parts[2], parts[3]) : (600, 600)
    }

    /// The outlines of `country` (ISO 3166-1 alpha-2) shipped with the server, read once per process; nil when none
    /// are shipped for it.
    static func shipped(_ country: String) throws -> RegionGeometry? {
        let key = country.uppercased()
        if let cached = loaded.withLock({ $0[key] }) { return cached }
        guard let url = Bundle.module.url(forResource: "regions-\(key)", withExtension: "json", subdirectory: "Resources/reference") else {
            return nil
        }
        let geometry = try JSONDecoder().decode(RegionGeometry.self, from: Data(contentsOf: url))
        loaded.withLock { $0[key] = geometry }
        return geometry
    }
    static let loaded = Mutex<[String: RegionGeometry]>([:])
}

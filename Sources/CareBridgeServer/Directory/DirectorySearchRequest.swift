import CareBridgeCore
import Foundation

/// The directory search as the public page, the navigator and `/api/v1/services` ask it: query parameters to a
/// DirectoryQuery. `q` words; `category`; `care` (a kind of care, as the navigator's need); `speaks` (BCP 47);
/// `region` (ISO 3166-2); `near` (a city of the directory) or `lat`+`lon` with `within` (km); `open=now` (local time
/// of the country); `status` with `citizenship`, `insured`, `age`, `pregnant` for the person's costs; `free=yes` for
/// only free services; `limit`.
struct DirectorySearchRequest {
    var query: DirectoryQuery
    /// A facts problem that did not stop the search (free=yes without a status): shown, not thrown.
    var notice: String?

    static func parse(_ p: [String: String], services: AppServices, now: Date) throws -> DirectorySearchRequest {
        func value(_ name: String) -> String? { p[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty || $0 == "all" || $0 == "any" ? nil : $0 } }
        var q = DirectoryQuery()
        q.text = value("q")
        if let text = value("category") { q.categories = [try ServiceCategory.parse(text)] }
        if let text = value("care") { q.care = [try CareType.parse(text, field: "care")] }
        if let text = value("speaks") { try Validation.languageTag(text, field: "speaks"); q.language = text }
        if let text = value("region") { try Validation.regionCode(text, field: "region"); q.region = text }
        if let city = value("near") {
            guard let point = cities(services.directory.index)[city] else {
                throw CareBridgeError.invalid("near", "'\(city)' is not a city of the directory.")
            }
            q.near = point
        }
        if let lat = value("lat"), let lon = value("lon") {
            guard let latitude = Double(lat), let longitude = Double(lon), (-90...90).contains(latitude), (-180...180).contains(longitude) else {
                throw CareBridgeError.invalid("lat", "lat and lon must be degrees (WGS 84), latitude -90 to 90 and longitude -180 to 180.")
            }
            q.near = (latitude, longitude)
        }
        if let text = value("within") {
            guard let km = Double(text), km > 0, km <= 5_000 else { throw CareBridgeError.invalid("within", "within must be kilometres, more than 0 and at most 5000.") }
            guard q.near != nil else { throw CareBridgeError.invalid("within", "within needs a point: near, or lat and lon.") }
            q.withinKm = km
        }
        if value("open") == "now" {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = services.configuration.zone
            let parts = calendar.dateComponents([.weekday, .hour, .minute], from: now)
            // Calendar weekdays run Sunday = 1 ... Saturday = 7.
            let day = Weekday.allCases[((parts.weekday ?? 2) + 5) % 7]
            q.openAt = (day, (parts.hour ?? 0) * 60 + (parts.minute ?? 0))
        }
        if let limit = value("limit") {
            guard let n = Int(limit), (1...500).contains(n) else { throw CareBridgeError.invalid("limit", "limit must be from 1 to 500.") }
            q.limit = n
        }
        var notice: String?
        if let status = value("status") {
            let question = try NavigatorPage.question(p.merging(["status": status]) { _, new in new })
            if let question, let inForce = try? services.ruleSets.current(services.configuration.country) {
                let facts = EntitlementFacts(status: question.status, citizenship: question.citizenship, insured: question.insured, age: question.age, pregnant: question.pregnant)
                q.outcomes = Dictionary(try inForce.table.decide(facts, on: CalendarDay(now)).map { ($0.care, $0.outcome.kind) }, uniquingKeysWith: { a, _ in a })
            }
        }
        if p["free"] == "yes" {
            if q.outcomes == nil { notice = "directory.free-needs-status" } else { q.onlyFree = true }
        }
        return DirectorySearchRequest(query: q, notice: notice)
    }

    /// Cities of the directory's locations, each at the mean of its locations' coordinates.
    static func cities(_ index: DirectoryIndex) -> [String: (latitude: Double, longitude: Double)] {
        var sums: [String: (Double, Double, Int)] = [:]
        for entry in index.entries {
            for location in entry.locations {
                guard let city = location.address?.city, !city.isEmpty, let lat = location.latitude, let lon = location.longitude else { continue }
                let s = sums[city] ?? (0, 0, 0)
                sums[city] = (s.0 + lat, s.1 + lon, s.2 + 1)
            }
        }
        return sums.mapValues { ($0.0 / Double($0.2), $0.1 / Double($0.2)) }
    }
}

import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import SQLKit

/// `/api/v1/services`: the directory for staff. Any signed-in user searches (the filters of DirectorySearchRequest)
/// and reads; an organization's administrators add and change its own services (platform administrators any), with
/// ETag/If-Match so two editors never silently overwrite each other. Directory data is not person-level.
enum ServicesController {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let editing = ServiceEditing(services: services)
        router.get(RouterPath(APIRoute.services.path)) { request, context in
            _ = try context.requireIdentity()
            let search = try DirectorySearchRequest.parse(request.formQuery, services: services, now: services.now())
            return try JSONResponse.make(ListBody(items: services.directory.index.search(search.query).map(ServiceHitBody.init), nextCursor: nil))
        }
        router.get(RouterPath(APIRoute.service.path)) { _, context in
            _ = try context.requireIdentity()
            let id = try context.uuidParameter("id", what: "The service")
            guard let found = try await services.directory.repository.service(id: id) else { throw CareBridgeError.notFound("The service") }
            return try JSONResponse.make(ServiceBody(found.value), etag: found.version)
        }
        router.post(RouterPath(APIRoute.services.path)) { request, context in
            let input = try await request.decodeJSON(ServiceInput.self, context: context)
            let service = try await editing.create(input, context: context)
            return try JSONResponse.make(ServiceBody(service), status: .created, etag: 1, location: APIRoute.service.link(service.id.text))
        }
        router.put(RouterPath(APIRoute.service.path)) { request, context in
            let id = try context.uuidParameter("id", what: "The service")
            let expected = try request.requiredVersion()
            let input = try await request.decodeJSON(ServiceInput.self, context: context)
            let (service, version) = try await editing.update(id, with: input, expectedVersion: expected, context: context)
            return try JSONResponse.make(ServiceBody(service), etag: version)
        }
    }
}

struct HoursBody: Codable, Sendable {
    var days: [String]
    var opens: String
    var closes: String
}

/// A service as written by staff: its places are existing locations (`locationId`) or new ones (name, address, point).
struct ServiceInput: Decodable, Sendable {
    struct Place: Decodable, Sendable {
        var locationId: UUID?
        var name: String?
        var address: String?
        var city: String?
        var region: String?
        var latitude: Double?
        var longitude: Double?
        var hours: [HoursBody]?
    }
    var organizationId: UUID?
    var names: [String: String]
    var descriptions: [String: String]?
    var status: String?
    var categories: [String]
    var care: [String]?
    var cost: String?
    var languages: [String]?
    var interpretation: String?
    var eligibility: String?
    var fees: String?
    var minimumAge: Int?
    var maximumAge: Int?
    var requiredDocuments: [String]?
    var phones: [String]?
    var email: String?
    var url: String?
    var locations: [Place]

    /// The core record, new locations stored on the way; validation errors name the field.
    func service(id: UUID, organizationID: UUID, now: Date, services: AppServices, in db: any SQLDatabase) async throws -> DirectoryService {
        var known = Set(try await services.directory.repository.locations(of: organizationID, in: db).map(\.id))
        var places: [ServiceLocation] = []
        for (index, place) in locations.enumerated() {
            let hours = try (place.hours ?? []).map { h in
                OpeningHours(days: try h.days.map { day in
                    guard let d = Weekday(rawValue: day.uppercased()) else { throw CareBridgeError.invalid("locations[\(index)].hours", "'\(day)' is not a day (MO to SU).") }
                    return d
                }.sorted(), opens: try OpeningHours.minutes(h.opens, field: "locations[\(index)].hours"), closes: try OpeningHours.minutes(h.closes, field: "locations[\(index)].hours"))
            }
            let locationID: UUID
            if let existing = place.locationId {
                guard known.contains(existing) else {
                    throw CareBridgeError.invalid("locations[\(index)].locationId", "Location \(existing) is not one of the organization's locations.")
                }
                locationID = existing
            } else {
                guard let name = place.name else { throw CareBridgeError.invalid("locations[\(index)]", "A new location needs a name (or give locationId).") }
                let location = DirectoryLocation(id: .timeOrdered(), organizationID: organizationID, names: ["en": name],
                                                 address: place.address.map { PostalAddress(line: $0, city: place.city ?? "", region: place.region ?? services.configuration.country,
                                                                                            postalCode: nil, country: services.configuration.country) },
                                                 latitude: place.latitude, longitude: place.longitude)
                try await services.directory.repository.saveLocation(location, at: now, in: db)
                known.insert(location.id)
                locationID = location.id
            }
            places.append(ServiceLocation(id: .derived(from: id, "at:" + locationID.text), locationID: locationID, hours: hours))
        }
        let service = DirectoryService(
            id: id, organizationID: organizationID, names: names, descriptions: descriptions ?? [:], status: try status.map { try ServiceStatus.parse($0) } ?? .active,
            categories: try categories.map { try ServiceCategory.parse($0, field: "categories") }, care: try (care ?? []).map { try CareType.parse($0, field: "care") },
            cost: try cost.map { try CostPolicy.parse($0) } ?? .entitlement, languages: languages ?? [], interpretation: interpretation, eligibility: eligibility,
            fees: fees, minimumAge: minimumAge, maximumAge: maximumAge, requiredDocuments: requiredDocuments ?? [], phones: phones ?? [], email: email, url: url,
            locations: places, updatedAt: now)
        try service.validate(locations: known)
        return service
    }
}

struct ServiceBody: Encodable {
    var id: String
    var organizationId: String
    var names: [String: String]
    var descriptions: [String: String]
    var status: String
    var categories: [String]
    var care: [String]
    var cost: String
    var languages: [String]
    var requiredDocuments: [String]
    var phones: [String]
    var locations: [PlaceBody]
    var updatedAt: Date

    struct PlaceBody: Encodable {
        var id: String
        var locationId: String
        var hours: [HoursBody]
    }

    init(_ s: DirectoryService) {
        (id, organizationId, names, descriptions, status) = (s.id.text, s.organizationID.text, s.names, s.descriptions, s.status.rawValue)
        (categories, care, cost, languages) = (s.categories.map(\.rawValue), s.care.map(\.rawValue), s.cost.rawValue, s.languages)
        (requiredDocuments, phones, updatedAt) = (s.requiredDocuments, s.phones, s.updatedAt)
        locations = s.locations.map { p in
            PlaceBody(id: p.id.text, locationId: p.locationID.text, hours: p.hours.map { HoursBody(days: $0.days.map(\.rawValue), opens: OpeningHours.text($0.opens), closes: OpeningHours.text($0.closes)) })
        }
    }
}

struct ServiceHitBody: Encodable {
    var service: ServiceBody
    var organization: String
    var locationId: String
    var city: String?
    var distanceKm: Double?
    var openNow: Bool?
    /// The person's outcome when the search gave a legal status (free, insurance, paid, not-available).
    var outcome: String?
    var speaksLanguage: Bool?
    var score: Double
    var demo: Bool

    init(_ hit: DirectoryHit) {
        service = ServiceBody(hit.service)
        organization = hit.organization.slug
        locationId = hit.location.id.text
        city = hit.location.address?.city
        (distanceKm, openNow, outcome, speaksLanguage, score, demo) = (hit.distanceKm, hit.openNow, hit.outcome?.rawValue, hit.speaksLanguage, hit.score, hit.demo)
    }
}

import Foundation
import Testing

@testable import CareBridgeCore

/// The shipped files, read from the source tree.
enum DirectoryFixtures {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/CareBridgeServer/Resources")
    static func data(_ path: String) throws -> Data { try Data(contentsOf: resources.appendingPathComponent(path)) }
    static func schema(_ name: String) throws -> JSON { try JSON.parse(try data("hsds/\(name).json")) }
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static func shipped() throws -> DirectoryFile {
        try HSDSReader.read(try data("reference/directory-by.hsds.json"), organizationSchema: try schema("organization"), now: now)
    }
}

@Suite("Service directory: HSDS 3.0 files")
struct DirectoryHSDSTests {
    @Test("the shipped Belarus directory reads whole: demo-marked, every service with a category, a location and hours")
    func shippedFileReads() throws {
        let file = try DirectoryFixtures.shipped()
        #expect(file.demo && file.language == "en" && file.country == "BY")
        #expect(file.entries.count >= 30)
        let services = file.entries.flatMap(\.services)
        #expect(services.count >= 40)
        #expect(services.allSatisfy { !$0.categories.isEmpty && !$0.locations.isEmpty && $0.names["en"] != nil })
        for category in [ServiceCategory.tbDispensary, .hivCentre, .polyclinic, .emergency, .legalAid, .socialSupport] {
            #expect(services.contains { $0.categories.contains(category) }, "no \(category) service")
        }
        let redCross = try #require(file.entries.first { $0.organization.slug == "by-red-cross" })
        #expect(redCross.organization.kind == .ngo && redCross.services.allSatisfy { $0.cost == .free })
        #expect(redCross.organization.names["ru"] != nil)
    }

    @Test("what the writer produces is valid HSDS 3.0 (organization, service, service_at_location) and reads back to the same records")
    func exportIsValidAndRoundTrips() throws {
        let file = try DirectoryFixtures.shipped()
        let writer = HSDSWriter(language: "en") { _ in [ServiceCost(outcome: Outcome(.free), statuses: [.refugee])] }
        let (organization, service, place) = (try DirectoryFixtures.schema("organization"), try DirectoryFixtures.schema("service"),
                                              try DirectoryFixtures.schema("service_at_location"))
        for entry in file.entries {
            #expect(JSONSchemaCheck.problems(of: writer.organization(entry, nested: true), against: organization).isEmpty)
            for s in entry.services {
                #expect(JSONSchemaCheck.problems(of: writer.service(s, in: entry, nested: true), against: service) == [])
                for p in s.locations { #expect(JSONSchemaCheck.problems(of: writer.serviceAtLocation(p, of: s, in: entry, nested: true), against: place) == []) }
            }
        }
        let written = writer.file(file.entries, country: "BY", demo: true, note: nil).encoded()
        let again = try HSDSReader.read(written, organizationSchema: organization, now: DirectoryFixtures.now)
        #expect(again.entries == file.entries)
        // In another language: Russian names become the main ones, English rides as a translation, nothing is lost.
        let russian = HSDSWriter(language: "ru").file(file.entries, country: "BY", demo: true, note: nil)
        #expect(russian["organizations"]?.array?.first?["name"]?.string?.range(of: "[А-Яа-я]", options: .regularExpression) != nil)
        let back = try HSDSReader.read(russian.encoded(), organizationSchema: organization, now: DirectoryFixtures.now)
        #expect(back.entries.map(\.services) == file.entries.map(\.services))
    }

    @Test("a file that fails the schema or the profile is refused whole, each problem with its JSON path")
    func badFilesAreRefusedWithPaths() throws {
        var root = try JSON.parse(try DirectoryFixtures.data("reference/directory-by.hsds.json"))
        guard case .object(var members) = root, case .array(var organizations) = members["organizations"]!,
              case .object(var first) = organizations[0], case .array(var services) = first["services"]!, case .object(var service) = services[0] else {
            Issue.record("unexpected shape"); return
        }
        first["id"] = "not-a-uuid"                        // schema: format uuid
        service["status"] = "open"                        // schema: enum
        service["attributes"] = [["id": "5b0c7a8e-2f0a-4b7e-9a51-0c1d2e3f4a5b", "link_type": "carebridge:category", "value": "bakery"]]
        services[0] = .object(service)
        first["services"] = .array(services)
        organizations[0] = .object(first)
        guard case .object(var second) = organizations[1] else { return }
        second.removeValue(forKey: "description")         // schema: required
        organizations[1] = .object(second)
        members["organizations"] = .array(organizations)
        root = .object(members)
        let error = try #require(throws: CareBridgeError.self) {
            try HSDSReader.read(root.encoded(), organizationSchema: try DirectoryFixtures.schema("organization"), now: DirectoryFixtures.now)
        }
        let issues = try JSONDecoder().decode([JSONSchemaCheck.Problem].self, from: try #require(error.extensions["issues"]))
        let paths = Set(issues.map(\.path))
        #expect(paths.contains("$.organizations[0].id"))
        #expect(paths.contains("$.organizations[0].services[0].status"))
        #expect(paths.contains("$.organizations[1]"))
        #expect(issues.contains { $0.path == "$.organizations[1]" && $0.reason.contains("description") })
        #expect(error.kind == .validation && error.detail.hasPrefix("Nothing was imported."))

        // Profile rules on a schema-valid organization: unknown category, a location of nobody, bad hours.
        let org = "2d2b3c4d-1111-4222-8333-444455556666", loc = "2d2b3c4d-1111-4222-8333-444455556667"
        let bad: JSON = ["hsds_version": "3.0", "language": "en", "organizations": [[
            "id": .string(org), "name": "Test clinic", "description": "A clinic.",
            "organization_identifiers": [["id": "2d2b3c4d-1111-4222-8333-444455556668", "identifier_scheme": "carebridge", "identifier_type": "slug", "identifier": "test-clinic"]],
            "attributes": [["id": "2d2b3c4d-1111-4222-8333-444455556669", "link_type": "carebridge:kind", "value": "health-facility"]],
            "locations": [["id": .string(loc), "location_type": "physical", "name": "Main"]],
            "services": [["id": "2d2b3c4d-1111-4222-8333-44445555666a", "name": "Care", "status": "active",
                          "attributes": [["id": "2d2b3c4d-1111-4222-8333-44445555666b", "link_type": "carebridge:category", "value": "bakery"]],
                          "service_at_locations": [["id": "2d2b3c4d-1111-4222-8333-44445555666c", "location_id": "2d2b3c4d-1111-4222-8333-44445555666d",
                                                    "schedules": [["id": "2d2b3c4d-1111-4222-8333-44445555666e", "freq": "WEEKLY", "byday": "MO,XX", "opens_at": "08:00", "closes_at": "20:00"]]]]]],
        ]]]
        let profile = try #require(throws: CareBridgeError.self) {
            try HSDSReader.read(bad.encoded(), organizationSchema: try DirectoryFixtures.schema("organization"), now: DirectoryFixtures.now)
        }
        let reasons = try JSONDecoder().decode([JSONSchemaCheck.Problem].self, from: try #require(profile.extensions["issues"])).map(\.description)
        #expect(reasons.contains { $0.contains("attributes[0]") && $0.contains("bakery") })
        #expect(reasons.contains { $0.contains("schedules[0].byday") })
        #expect(reasons.contains { $0.contains("services[0]") && $0.contains("not one of the organization's locations") || $0.contains("needs at least one category") })
    }

    @Test("the schema check follows JSON Schema: types, required members, enums, formats, arrays")
    func schemaKeywords() {
        let schema: JSON = ["type": "object", "required": ["id", "tags"], "properties": [
            "id": ["type": "string", "format": "uuid"], "count": ["type": "integer"], "kind": ["type": "string", "enum": ["a", "b"]],
            "site": ["type": "string", "format": "uri"], "tags": ["type": "array", "items": ["type": "string"]]]]
        #expect(JSONSchemaCheck.problems(of: ["id": "2d2b3c4d-1111-4222-8333-444455556666", "tags": ["x"], "count": 3, "kind": "a", "extra": true], against: schema) == [])
        let problems = JSONSchemaCheck.problems(of: ["id": "nope", "count": 1.5, "kind": "c", "site": "no scheme", "tags": ["x", 2]], against: schema)
        #expect(Set(problems.map(\.path)) == ["$.id", "$.count", "$.kind", "$.site", "$.tags[1]"])
        #expect(JSONSchemaCheck.problems(of: ["tags": []], against: schema).map(\.reason) == ["required property 'id' is missing"])
        #expect(JSONSchemaCheck.problems(of: [1], against: schema).first?.reason == "must be object, is array")
    }
}

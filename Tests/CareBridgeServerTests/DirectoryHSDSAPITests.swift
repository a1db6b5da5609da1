import CareBridgeCore
import CareBridgeServer
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import Testing

@Suite("Service directory: the public HSDS API and imports")
struct DirectoryHSDSAPITests {
    static func json(_ reply: TestClient.Reply) throws -> JSON { try JSON.parse(Data(buffer: reply.body)) }

    @Test("a fresh server serves the shipped directory as valid HSDS 3.0, paged, searchable in any script, without an account", arguments: TestDatabase.kinds)
    func publicAPI(_ kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let shipped = services.directory.index.serviceCount
            #expect(shipped >= 40)
            let first = try Self.json(try await client.send(.get, "/hsds/services?per_page=10"))
            #expect(first["total_items"] == .number(Double(shipped)) && first["size"] == 10 && first["first_page"] == true && first["last_page"] == false)
            let serviceSchema = try DirectoryCatalog.schema("service")
            for item in first["contents"]?.array ?? [] { #expect(JSONSchemaCheck.problems(of: item, against: serviceSchema) == []) }
            let last = try Self.json(try await client.send(.get, "/hsds/services?per_page=10&page=\((shipped + 9) / 10)"))
            #expect(last["last_page"] == true && last["size"] == .number(Double(shipped - 10 * ((shipped - 1) / 10))))

            // One service fully nested, its organization, its service at location: each valid against its compiled schema.
            let id = try #require(first["contents"]?.array?.first?["id"]?.string)
            let service = try Self.json(try await client.send(.get, "/hsds/services/\(id)?lang=ru"))
            #expect(JSONSchemaCheck.problems(of: service, against: serviceSchema) == [])
            #expect(service["organization"]?["name"]?.string != nil)
            let organizationID = try #require(service["organization_id"]?.string)
            let organization = try Self.json(try await client.send(.get, "/hsds/organizations/\(organizationID)"))
            #expect(JSONSchemaCheck.problems(of: organization, against: try DirectoryCatalog.schema("organization")) == [])
            let placeID = try #require(service["service_at_locations"]?.array?.first?["id"]?.string)
            let place = try Self.json(try await client.send(.get, "/hsds/service_at_locations/\(placeID)"))
            #expect(JSONSchemaCheck.problems(of: place, against: try DirectoryCatalog.schema("service_at_location")) == [])
            #expect(place["location"]?["latitude"]?.number != nil)

            // Search in Cyrillic finds TB dispensaries named in English too; the category filter uses the taxonomy.
            let terms = try Self.json(try await client.send(.get, "/hsds/taxonomy_terms?per_page=100"))
            #expect(terms["total_items"] == .number(Double(ServiceCategory.allCases.count)))
            let tbTerm = HSDSWriter.termID(.tbDispensary).text
            let tb = try Self.json(try await client.send(.get, "/hsds/services?taxonomy_term_id=\(tbTerm)&per_page=100"))
            let tbNames = (tb["contents"]?.array ?? []).compactMap { $0["name"]?.string }
            #expect(tbNames.count >= 6)
            let cyrillic = try Self.json(try await client.send(.get, "/hsds/services?search=%D1%82%D1%83%D0%B1%D0%B5%D1%80%D0%BA%D1%83%D0%BB&per_page=100"))  // "туберкул"
            let cyrillicNames = Set((cyrillic["contents"]?.array ?? []).compactMap { $0["name"]?.string })
            #expect(cyrillicNames.isSuperset(of: tbNames))

            // Bad input: a clear problem naming the parameter; an unknown id is a 404 problem.
            let bad = try await client.send(.get, "/hsds/services?per_page=0")
            #expect(bad.status.code == 400 || bad.status.code == 422)
            #expect(bad.headers[.contentType]?.hasPrefix("application/problem+json") == true && bad.text.contains("per_page"))
            for (query, name) in [("taxonomy_id=tb", "taxonomy_id must be a UUID"), ("full=maybe", "full must be true or false")] {
                let refused = try await client.send(.get, "/hsds/services?\(query)")
                #expect(refused.status.code == 422 && refused.text.contains(name), "\(query): \(refused.text)")
            }
            let otherTaxonomy = try Self.json(try await client.send(.get, "/hsds/services?taxonomy_id=\(UUID().uuidString)"))
            #expect(otherTaxonomy["total_items"] == 0)
            let missing = try await client.send(.get, "/hsds/services/\(UUID().uuidString)")
            #expect(missing.status == .notFound && missing.headers[.contentType]?.hasPrefix("application/problem+json") == true)
        }
    }

    @Test("an import is all or nothing: a bad file changes nothing; a good one adds its organization and is found at once", arguments: TestDatabase.kinds)
    func importAllOrNothing(_ kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let before = try await services.directory.repository.entries()
            let org = UUID(), location = UUID(), service = UUID()
            func file(category: String) -> JSON {
                ["hsds_version": "3.0", "language": "en", "organizations": [[
                    "id": .string(org.text), "name": "Gomel migrant clinic", "description": "Test.",
                    "organization_identifiers": [["id": .string(UUID().text), "identifier_scheme": "carebridge", "identifier_type": "slug", "identifier": "by-gomel-migrant-clinic-test"]],
                    "attributes": [["id": .string(UUID().text), "link_type": "carebridge:kind", "value": "ngo"],
                                   ["id": .string(UUID().text), "link_type": "carebridge:region", "value": "BY-HO"]],
                    "locations": [["id": .string(location.text), "location_type": "physical", "name": "Main", "latitude": 52.43, "longitude": 31.0]],
                    "services": [["id": .string(service.text), "name": "Zebrafinch counselling", "status": "active",
                                  "attributes": [["id": .string(UUID().text), "link_type": "carebridge:category", "value": .string(category)],
                                                 ["id": .string(UUID().text), "link_type": "carebridge:cost", "value": "free"]],
                                  "service_at_locations": [["id": .string(UUID().text), "location_id": .string(location.text),
                                                            "schedules": [["id": .string(UUID().text), "freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"]]]]]],
                ]]]
            }
            await #expect(throws: CareBridgeError.self) {
                _ = try await services.directory.importFile(file(category: "bakery").encoded(), services: services, by: nil, requestID: nil)
            }
            #expect(try await services.directory.repository.entries() == before)
            #expect(try await services.organizations.find(slug: "by-gomel-migrant-clinic-test") == nil)

            let summary = try await services.directory.importFile(file(category: "legal-aid").encoded(), services: services, by: nil, requestID: nil)
            #expect(summary.services == 1 && summary.createdOrganizations == 1)
            let found = try Self.json(try await client.send(.get, "/hsds/services?search=zebrafinch"))
            #expect(found["contents"]?.array?.first?["id"]?.string == service.text)
            // Imported again: replaced, not doubled.
            _ = try await services.directory.importFile(file(category: "legal-aid").encoded(), services: services, by: nil, requestID: nil)
            #expect(services.directory.index.serviceCount == before.flatMap(\.services).count + 1)
        }
    }
}

@Suite("Directory import over the API")
struct DirectoryImportAPITests {
    /// The shipped file's first organization under new ids, slug and name: a file another system could send.
    static func newOrganizationFile(name: String, breaking: Bool = false) throws -> Data {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/CareBridgeServer/Resources/reference/directory-by.hsds.json")
        var root = try #require(try JSONSerialization.jsonObject(with: try Data(contentsOf: url)) as? [String: Any])
        let organizations = try #require(root["organizations"] as? [[String: Any]])
        var text = String(decoding: try JSONSerialization.data(withJSONObject: organizations[0]), as: UTF8.self)
        var fresh: [String: String] = [:]
        for match in text.matches(of: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) where fresh[String(match.0)] == nil {
            fresh[String(match.0)] = UUID().uuidString.lowercased()
        }
        for (old, new) in fresh { text = text.replacingOccurrences(of: old, with: new) }
        text = text.replacingOccurrences(of: "by-minsk-city-tb-dispensary-demo", with: "imported-clinic")
            .replacingOccurrences(of: "Minsk City TB Dispensary (demo)", with: name)
            .replacingOccurrences(of: "TB diagnosis and outpatient treatment", with: name + " outpatient clinic")
        var organization = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        if breaking, var services = organization["services"] as? [[String: Any]] {
            services[0]["name"] = nil
            organization["services"] = services
        }
        root["organizations"] = [organization]
        return try JSONSerialization.data(withJSONObject: root)
    }

    @Test("a platform administrator imports an HSDS file; a broken one is refused with the JSON path and nothing changes; others may not import", arguments: TestDatabase.kinds)
    func importOverAPI(_ kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let before = services.directory.index.entries.count
            let broken = try await client.send(.post, "/api/v1/services/import", token: admin,
                                               raw: String(decoding: try Self.newOrganizationFile(name: "Zarechye Health Point", breaking: true), as: UTF8.self))
            #expect(broken.status == .unprocessableContent && broken.text.contains("$.organizations[0].services[0]") && broken.text.contains("Nothing was imported"))
            #expect(services.directory.index.entries.count == before)

            let good = try await client.send(.post, "/api/v1/services/import", token: admin,
                                             raw: String(decoding: try Self.newOrganizationFile(name: "Zarechye Health Point"), as: UTF8.self))
            #expect(good.status == .ok, "\(good.text)")
            #expect(try good.json()["createdOrganizations"] as? Int == 1)
            #expect(services.directory.index.entries.count == before + 1)
            // Searches read `+` as a space, as browsers and HTTP libraries send a form-encoded query.
            let found = try await client.send(.get, "/api/v1/services?q=Zarechye+Health+Point", token: admin)
            #expect(found.status == .ok && found.text.contains("Zarechye Health Point"))
            let hsds = try await client.send(.get, "/hsds/services?search=Zarechye+Health")
            #expect(hsds.status == .ok && hsds.text.contains("Zarechye Health Point"))

            let (clinician, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "dr.import")
            let (clinicAdmin, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .admin, name: "clinic.admin")
            for token in [clinician, clinicAdmin] {
                let refused = try await client.send(.post, "/api/v1/services/import", token: token,
                                                    raw: String(decoding: try Self.newOrganizationFile(name: "Other"), as: UTF8.self))
                #expect(refused.status == .forbidden)
            }
        }
    }
}

@Suite("Directory index across servers")
struct DirectoryWatcherTests {
    @Test("a change written by another server (straight to the database) is picked up by the fingerprint check, and only then", arguments: TestDatabase.kinds)
    func changeMadeElsewhere(_ kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { _, services in
            #expect(try await services.directory.refreshIfChanged() == false)
            let (service, _) = try #require(services.directory.index.entries.first.flatMap { entry in entry.services.first.map { ($0, entry) } })
            let stored = try #require(try await services.directory.repository.service(id: service.id))
            var renamed = stored.value
            renamed.names["en"] = "Renamed by another server"
            try await services.database.write { [renamed] db in _ = try await services.directory.repository.update(renamed, expectedVersion: stored.version, in: db) }
            #expect(services.directory.index.service(id: service.id)?.service.names["en"] != "Renamed by another server")
            #expect(try await services.directory.refreshIfChanged() == true)
            #expect(services.directory.index.service(id: service.id)?.service.names["en"] == "Renamed by another server")
            #expect(try await services.directory.refreshIfChanged() == false)
        }
    }
}

import CareBridgeCore
import CareBridgeStore
import CareBridgeTestSupport
import Foundation
import HTTPTypes
import SQLKit
import Logging
import Testing

@testable import CareBridgeServer

@Suite("People registry through the API")
struct PeopleRegistryTests {
    static var rakhimov: [String: Any] { [
        "givenName": "Мухаммад", "familyName": "Рахимов", "sex": "male", "birthDate": "1991-04-12", "citizenship": "TJ",
        "region": "BY-HM", "languages": ["tg", "ru"], "interpreterNeeded": true, "contact": ["phone": "+375 29 123 45 67"],
        "documents": [["type": "passport", "issuingCountry": "TJ", "number": "401 234 567"]],
    ] }

    @Test("the same man written in Cyrillic at the border and in Latin at a clinic is offered as a duplicate, with evidence", arguments: TestDatabase.kinds)
    func duplicateAcrossScriptsIsFound(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, _ in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (clinician, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "doctor1")
            let first = try await client.send(.post, "/api/v1/people", token: clinician, json: Self.rakhimov)
            #expect(first.status == .created, "\(first.text)")
            let firstBody = try first.json()
            let code = try #require(firstBody["code"] as? String)
            #expect(PersonCode.canonical(code) == code)
            let latin: [String: Any] = ["givenName": "Mukhammad", "familyName": "Rakhimov", "sex": "male", "birthDate": "1991", "citizenship": "TJ"]
            let second = try await client.send(.post, "/api/v1/people", token: clinician, json: latin)
            #expect(second.status == .conflict)
            let problem = try second.json()
            #expect(problem["reason"] as? String == "possible-duplicate")
            let candidates = try #require(problem["candidates"] as? [[String: Any]])
            #expect(candidates.first?["code"] as? String == code)
            let fields = (candidates.first?["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields).isSuperset(of: ["givenName", "familyName", "birthDate"]))
            var confirmed = latin
            confirmed["registerDespiteMatches"] = true
            let third = try await client.send(.post, "/api/v1/people", token: clinician, json: confirmed)
            #expect(third.status == .created)
        }
    }

    @Test("bad input names the field and stores nothing", arguments: TestDatabase.kinds)
    func badInputNamesTheField(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (caseworker, _) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "caseworker1")
            let cases: [(String, Any, String)] = [
                ("birthDate", "2999-01-01", "birthDate"), ("birthDate", "1990-02-30", "birthDate"), ("citizenship", "XQ", "citizenship"),
                ("givenName", "123 --", "givenName"), ("arrival", "2020-05-17", "arrival"), ("region", "BY-ZZ", "region"),
            ]
            for (key, value, field) in cases {
                var body: [String: Any] = ["givenName": "Anna", "familyName": "Kowalska"]
                body[key] = value
                let reply = try await client.send(.post, "/api/v1/people", token: caseworker, json: body)
                #expect(reply.status == .unprocessableContent, "\(key)=\(value)")
                #expect(try reply.json()["field"] as? String == field, "\(key)=\(value)")
            }
            #expect(try await services.people.count() == 0)
        }
    }

    @Test("a stale edit is refused with the stored version; a fresh one lands", arguments: TestDatabase.kinds)
    func staleEditIsRefused(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, _ in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (clinician, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "doctor1")
            let created = try await client.send(.post, "/api/v1/people", token: clinician, json: Self.rakhimov)
            let id = try #require(try created.json()["id"] as? String)
            var edit = Self.rakhimov
            edit["birthDate"] = "1991-04-13"
            let fresh = try await client.send(.put, "/api/v1/people/\(id)", token: clinician, headers: [.ifMatch: "\"1\""], json: edit)
            #expect(fresh.status == .ok)
            #expect(fresh.headers[.eTag] == "\"2\"")
            edit["birthDate"] = "1990"
            let stale = try await client.send(.put, "/api/v1/people/\(id)", token: clinician, headers: [.ifMatch: "\"1\""], json: edit)
            #expect(stale.status == .preconditionFailed)
            let problem = try stale.json()
            #expect(problem["currentVersion"] as? Int == 2)
            #expect((problem["current"] as? [String: Any])?["birthDate"] as? String == "1991-04-13")
            let read = try await client.send(.get, "/api/v1/people/\(id)", token: clinician)
            #expect(try read.json()["birthDate"] as? String == "1991-04-13")
        }
    }

    @Test("overlapping status episodes are refused, and the status on a date has one answer", arguments: TestDatabase.kinds)
    func statusEpisodesDoNotOverlap(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, _ in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (caseworker, _) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "caseworker1")
            let created = try await client.send(.post, "/api/v1/people", token: caseworker, json: ["givenName": "Şatlyk", "familyName": "Öwezow", "citizenship": "TM"])
            let id = try #require(try created.json()["id"] as? String)
            let stay = try await client.send(.post, "/api/v1/people/\(id)/statuses", token: caseworker,
                                             json: ["status": "temporary-stay", "validFrom": "2024-01-10", "validUntil": "2024-07-09"])
            #expect(stay.status == .created)
            let residence = try await client.send(.post, "/api/v1/people/\(id)/statuses", token: caseworker,
                                                  json: ["status": "temporary-residence", "validFrom": "2024-07-10", "document": ["type": "residence-permit", "number": "RP1234567"]])
            #expect(residence.status == .created)
            let overlap = try await client.send(.post, "/api/v1/people/\(id)/statuses", token: caseworker,
                                                json: ["status": "refugee", "validFrom": "2024-05-01", "validUntil": "2024-08-01"])
            #expect(overlap.status == .conflict)
            #expect(try overlap.json()["detail"] as? String ?? "" != "")
            let unknown = try await client.send(.post, "/api/v1/people/\(id)/statuses", token: caseworker, json: ["status": "tourist", "validFrom": "2020-01-01"])
            #expect(unknown.status == .unprocessableContent)
            #expect(try unknown.json()["field"] as? String == "status")
            let insured = try await client.send(.post, "/api/v1/people/\(id)/insurance", token: caseworker,
                                                json: ["insurer": "Belgosstrakh", "validFrom": "2024-01-10", "validUntil": "2025-01-09"])
            #expect(insured.status == .created)
            let spring = try await client.send(.get, "/api/v1/people/\(id)/standing?date=2024-03-01", token: caseworker).json()
            #expect((spring["status"] as? [String: Any])?["status"] as? String == "temporary-stay")
            #expect((spring["insurance"] as? [String: Any])?["insurer"] as? String == "Belgosstrakh")
            let later = try await client.send(.get, "/api/v1/people/\(id)/standing?date=2025-06-01", token: caseworker).json()
            #expect((later["status"] as? [String: Any])?["status"] as? String == "temporary-residence")
            #expect(later["insurance"] == nil || later["insurance"] is NSNull)
            let history = try await client.send(.get, "/api/v1/people/\(id)/statuses", token: caseworker).json()
            #expect((history["items"] as? [Any])?.count == 2)
        }
    }

    @Test("consent lets another organization read the record; withdrawal shuts it again at once", arguments: TestDatabase.kinds)
    func consentAndWithdrawal(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, _ in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (clinician, clinicID) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "doctor1")
            let (caseworker, ngoID) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "caseworker1")
            _ = clinicID
            let created = try await client.send(.post, "/api/v1/people", token: clinician, json: Self.rakhimov)
            let id = try #require(try created.json()["id"] as? String)
            #expect(try await client.send(.get, "/api/v1/people/\(id)", token: caseworker).status == .forbidden)
            let unknownOrg = try await client.send(.post, "/api/v1/people/\(id)/consents", token: clinician,
                                                   json: ["organizationId": UUID().uuidString, "purposes": ["COC"], "categories": ["identity"]])
            #expect(unknownOrg.status == .unprocessableContent)
            #expect(try unknownOrg.json()["field"] as? String == "organizationId")
            let consent = try await client.send(.post, "/api/v1/people/\(id)/consents", token: clinician,
                                                json: ["organizationId": ngoID, "purposes": ["COC"], "categories": ["identity"], "explainedInLanguage": "tg"])
            #expect(consent.status == .created)
            let consentID = try #require(try consent.json()["id"] as? String)
            let allowed = try await client.send(.get, "/api/v1/people/\(id)", token: caseworker)
            #expect(allowed.status == .ok)
            #expect(try allowed.json()["contact"] == nil)  // consent covers identity only
            let withdraw = try await client.send(.post, "/api/v1/people/\(id)/consents/\(consentID)/withdraw", token: clinician)
            #expect(withdraw.status == .ok)
            #expect(try withdraw.json()["active"] as? Bool == false)
            #expect(try await client.send(.get, "/api/v1/people/\(id)", token: caseworker).status == .forbidden)
        }
    }

    @Test("people are found by printed code, by a name in another script, and by document; contact and numbers are encrypted at rest",
          arguments: TestDatabase.kinds)
    func findAndEncryption(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (clinician, _) = try await client.userToken(admin: admin, kind: .healthFacility, role: .clinician, name: "doctor1")
            let created = try await client.send(.post, "/api/v1/people", token: clinician, json: Self.rakhimov).json()
            let id = try #require(created["id"] as? String)
            let code = try #require(created["code"] as? String)
            let byCode = try await client.send(.get, "/api/v1/people?q=\(code.lowercased().replacingOccurrences(of: "-", with: ""))", token: clinician).json()
            #expect((byCode["items"] as? [[String: Any]])?.first?["id"] as? String == id)
            let latin = "Rakhimov%20Muhammad"
            let byName = try await client.send(.get, "/api/v1/people?q=\(latin)&birthYear=1991", token: clinician).json()
            #expect((byName["items"] as? [[String: Any]])?.map { $0["id"] as? String }.contains(id) == true)
            let byDocument = try await client.send(.get, "/api/v1/people?documentNumber=401234567&documentCountry=TJ", token: clinician).json()
            #expect((byDocument["items"] as? [[String: Any]])?.first?["id"] as? String == id)
            let stored = try await services.database.read { db in
                try await db.select().columns("contact_ciphertext").from("people").where("id", .equal, id).first()!.decode(column: "contact_ciphertext", as: String.self)
            }
            #expect(stored.hasPrefix("v1:") && !stored.contains("375"))
            let number = try await services.database.read { db in
                try await db.select().columns("number_ciphertext").from("person_documents").where("person_id", .equal, id).first()!.decode(column: "number_ciphertext", as: String.self)
            }
            #expect(!number.contains("401"))
            let phoneKey = try await services.database.read { db in
                try await db.select().columns("phone_hash").from("people").where("id", .equal, id).first()!.decode(column: "phone_hash", as: String?.self)
            }
            // The same phone typed the domestic way gives the same key, and the key does not show the number.
            #expect(phoneKey == services.cipher.lookupHash(ContactDetails(phone: "8 029 123-45-67").phoneLookupValue!))
            #expect(phoneKey?.contains("1234567") == false)
        }
    }

    @Test("a merge keeps both records and their histories, is audited, and can be undone", arguments: TestDatabase.kinds)
    func mergeAndUndo(kind: DatabaseKind) async throws {
        try await TestApp.run(kind) { client, services in
            let admin = try await client.token("admin", TestApp.adminPassword)
            let (caseworker, _) = try await client.userToken(admin: admin, kind: .ngo, role: .caseworker, name: "caseworker1")
            let a = try #require(try await client.send(.post, "/api/v1/people", token: caseworker, json: Self.rakhimov).json()["id"] as? String)
            let b = try #require(try await client.send(.post, "/api/v1/people", token: caseworker,
                                                        json: ["givenName": "Muhammad", "familyName": "Rahimov", "birthDate": "1991-04-12", "sex": "male", "citizenship": "TJ", "registerDespiteMatches": true]).json()["id"] as? String)
            _ = try await client.send(.post, "/api/v1/people/\(b)/statuses", token: caseworker, json: ["status": "asylum-seeker", "validFrom": "2023-02-01"])
            let matches = try await client.send(.get, "/api/v1/people/\(a)/matches", token: caseworker).json()
            #expect((matches["items"] as? [[String: Any]])?.map { $0["id"] as? String }.contains(b) == true)
            let merge = try await client.send(.post, "/api/v1/people/\(a)/merges", token: caseworker, json: ["duplicateId": b, "reason": "same passport"])
            #expect(merge.status == .created)
            let mergeID = try #require(try merge.json()["id"] as? String)
            #expect(try await client.send(.get, "/api/v1/people/\(b)", token: caseworker).json()["mergedInto"] as? String == a)
            let history = try await client.send(.get, "/api/v1/people/\(a)/statuses", token: caseworker).json()
            #expect((history["items"] as? [[String: Any]])?.first?["status"] as? String == "asylum-seeker")
            let undo = try await client.send(.post, "/api/v1/people/\(a)/merges/\(mergeID)/undo", token: caseworker)
            #expect(undo.status == .ok)
            #expect(try await client.send(.get, "/api/v1/people/\(b)", token: caseworker).json()["mergedInto"] == nil)
            let again = try await client.send(.post, "/api/v1/people/\(a)/merges/\(mergeID)/undo", token: caseworker)
            #expect(again.status == .conflict)
            let events = try await services.audit.count(AuditFilter(personID: UUID(uuidString: b)))
            #expect(events >= 4)
        }
    }
}

@Suite("People registry across restarts")
struct PeopleIndexRestartTests {
    @Test("after a restart, a new registration is still checked against everyone registered before", arguments: TestDatabase.kinds)
    func indexIsRebuiltOnStart(kind: DatabaseKind) async throws {
        let (url, cleanup) = try await TestDatabase.freshURL(kind)
        var configuration = AppConfiguration()
        configuration.databaseURL = url
        configuration.adminPassword = TestApp.adminPassword
        configuration.dataKey = FieldCipher.generateMaster()
        let rules = PersonRules(today: CalendarDay(Date()), countries: .minimal)
        do {
            let (_, first) = try await buildApplication(configuration, hasher: PasswordHasher(cost: 4))
            let organization = try #require(try await first.organizations.find(slug: "by-red-cross")).value
            let person = try rules.validated(Person(names: [PersonName(given: "Ҷамшед", family: "Раҳимов")], sex: .male,
                                                    birthDate: try PartialDate(parsing: "1988-03-02", field: "birthDate"), citizenship: "TJ",
                                                    recordOrganizationID: organization.id, createdAt: Date(), updatedAt: Date()))
            try await first.database.write { db in try await first.people.create(person, in: db) }
            await first.database.close()
            let (_, second) = try await buildApplication(configuration, hasher: PasswordHasher(cost: 4))
            #expect(second.peopleIndex.isComplete)
            let latin = MatchInput(names: [MatchName(given: "Jamshed", family: "Rahimov")], birthYear: 1988, birthMonth: 3, birthDay: 2,
                                   sex: "male", citizenship: "TJ")
            #expect(second.peopleIndex.candidates(for: latin).map(\.id) == [person.id])
            await second.database.close()
            try await cleanup()
        } catch {
            try? await cleanup()
            throw error
        }
    }
}

@Suite("People index while it loads")
struct PeopleIndexLoadTests {
    @Test("a record changed while the index loads keeps its new version; the load does not put the old row back")
    func loadDoesNotOverwriteNewerWrites() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let people = PersonRepository(database, cipher: try FieldCipher(master: FieldCipher.generateMaster()))
            let organization = Organization(slug: "clinic-a", kind: .healthFacility, names: ["en": "Clinic"], region: nil, createdAt: Date())
            let old = Person(names: [PersonName(given: "Olim", family: "Karimov")], sex: .male,
                             birthDate: try PartialDate(year: 1980, month: 5, day: 6), citizenship: "TJ",
                             documents: [IdentityDocument(type: .passport, issuingCountry: "TJ", number: "400111222")],
                             recordOrganizationID: organization.id, createdAt: Date(), updatedAt: Date())
            try await database.write { db in
                try await OrganizationRepository(database).create(organization, in: db)
                try await people.create(old, in: db)
            }
            let index = PeopleIndex()
            var renamed = old
            renamed.names = [PersonName(given: "Jamshed", family: "Rahimov")]
            index.upsert(old.id, people.matchInput(renamed))  // committed by a request before the load reached this row
            try await index.build(from: people, logger: Logger(label: "test"))
            #expect(index.isComplete)
            #expect(index.candidates(for: people.matchInput(renamed)).map(\.id) == [old.id])
            var oldWithoutDocument = people.matchInput(old)
            oldWithoutDocument.documentKeys = []
            #expect(index.candidates(for: oldWithoutDocument).isEmpty)
        }
    }
}

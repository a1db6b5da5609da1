import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v1/people`: the foundation's person endpoints. Every one asks the access gate first,
/// which audits the access before any data leaves.
enum PeopleController {
    struct NewPerson: Decodable {
        var givenName: String
        var familyName: String
        var sex: Sex?
        var birthYear: Int?
    }

    struct PersonBody: Encodable {
        var id: String
        var givenName: String
        var familyName: String
        var sex: Sex?
        var birthYear: Int?
        var recordOrganizationId: String
        var createdAt: Date
        init(_ p: Person) {
            (id, givenName, familyName, sex, birthYear, recordOrganizationId, createdAt) =
                (Hex.uuid(p.id), p.givenName, p.familyName, p.sex, p.birthYear, Hex.uuid(p.recordOrganizationID), p.createdAt)
        }
    }

    /// Health screening records of a person; the screening issue fills `items`.
    struct ScreeningBody: Encodable {
        var personId: String
        var items: [String]
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let gate = services.gate
        router.post(RouterPath(APIRoute.people.path)) { request, context in
            let identity = try context.requireIdentity()
            let input = try await request.decodeJSON(NewPerson.self, context: context)
            let now = services.now()
            let person = Person(givenName: input.givenName, familyName: input.familyName, sex: input.sex, birthYear: input.birthYear,
                                recordOrganizationID: identity.organization.id, createdAt: now, updatedAt: now)
            try person.validate(now: now)
            let audit = try await gate.authorizeWrite(.identity, of: .init(personID: person.id, recordOrganizationID: identity.organization.id),
                                                      request: request, context: context)
            try await services.database.write { db in
                try await services.people.create(person, in: db)
                try await services.audit.append([audit], in: db)
            }
            return try JSONResponse.make(PersonBody(person), status: .created, etag: 1, location: APIRoute.person.link(person.id.uuidString.lowercased()))
        }
        router.get(RouterPath(APIRoute.person.path)) { request, context in
            _ = try context.requireIdentity()
            let id = try context.uuidParameter("id", what: "The person")
            // Read once; nothing leaves until the gate has decided and the audit event is committed.
            guard let found = try await services.people.find(id: id) else { throw CareBridgeError.notFound("The person") }
            try await gate.authorizeRead(.identity, of: .init(personID: id, recordOrganizationID: found.value.recordOrganizationID),
                                         request: request, context: context)
            return try JSONResponse.make(PersonBody(found.value), etag: found.version)
        }
        router.get(RouterPath(APIRoute.personScreening.path)) { request, context in
            let target = try await target(context: context, services: services)
            try await gate.authorizeRead(.health, of: target, request: request, context: context)
            return try JSONResponse.make(ScreeningBody(personId: Hex.uuid(target.personID!), items: []))
        }
    }

    /// The facts the policy needs about the person named in the path (404 when there is none).
    static func target(context: AppRequestContext, services: AppServices) async throws -> AccessGate.Target {
        _ = try context.requireIdentity()
        let id = try context.uuidParameter("id", what: "The person")
        guard let organization = try await services.people.recordOrganization(of: id) else { throw CareBridgeError.notFound("The person") }
        return AccessGate.Target(personID: id, recordOrganizationID: organization)
    }
}

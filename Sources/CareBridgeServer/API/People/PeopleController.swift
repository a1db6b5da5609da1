import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v1/people`: register, find, read and edit people. Every handler goes through the people service, which asks
/// the access gate and audits before any data leaves or lands.
enum PeopleController {
    /// Health screening records of a person; the screening issue fills `items`.
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let people = PeopleService(services: services)
        router.post(RouterPath(APIRoute.people.path)) { request, context in
            let identity = try context.requireIdentity()
            let input = try await request.decodeJSON(PersonInput.self, context: context)
            let draft = try input.draft(organization: identity.organization.id, now: services.now())
            let person = try await people.register(draft, despiteMatches: input.registerDespiteMatches ?? false, request: request, context: context)
            return try JSONResponse.make(PersonBody(person), status: .created, etag: 1, location: APIRoute.person.link(Hex.uuid(person.id)))
        }
        router.get(RouterPath(APIRoute.people.path)) { request, context in
            let found = try await people.search(try query(request), request: request, context: context)
            return try JSONResponse.make(ListBody(items: found.map(PersonBody.init), nextCursor: nil))
        }
        router.post(RouterPath(APIRoute.peopleMatches.path)) { request, context in
            let identity = try context.requireIdentity()
            let input = try await request.decodeJSON(PersonInput.self, context: context)
            let draft = try services.personRules.validated(try input.draft(organization: identity.organization.id, now: services.now()))
            let candidates = try await people.candidates(for: draft, excluding: nil, request: request, context: context)
            return try JSONResponse.make(ListBody(items: candidates.map(CandidateBody.init), nextCursor: nil))
        }
        router.get(RouterPath(APIRoute.person.path)) { request, context in
            let (found, _) = try await people.read(try personID(context), request: request, context: context)
            return try JSONResponse.make(PersonBody(found.value), etag: found.version)
        }
        router.put(RouterPath(APIRoute.person.path)) { request, context in
            let id = try personID(context)
            let version = try request.requiredVersion()
            let input = try await request.decodeJSON(PersonInput.self, context: context)
            let updated = try await people.update(id, expectedVersion: version, edit: { try input.apply(to: &$0) }, request: request, context: context)
            let (shown, _) = try await people.read(id, request: request, context: context)
            return try JSONResponse.make(PersonBody(shown.value), etag: updated.version)
        }
        router.get(RouterPath(APIRoute.personMatches.path)) { request, context in
            let (found, _) = try await people.read(try personID(context), request: request, context: context)
            let candidates = try await people.candidates(for: found.value, excluding: found.value.id, request: request, context: context)
            return try JSONResponse.make(ListBody(items: candidates.map(CandidateBody.init), nextCursor: nil))
        }
        PeopleRecordsController.register(on: router, services: services, people: people)
    }

    static func personID(_ context: AppRequestContext) throws -> UUID {
        _ = try context.requireIdentity()
        return try context.uuidParameter("id", what: "The person")
    }

    /// `?q=` (name in any script, or a code), `?birthYear=`, or `?documentType=&documentCountry=&documentNumber=`.
    static func query(_ request: Request) throws -> PeopleService.Query {
        let q = request.uri.queryParameters
        var query = PeopleService.Query()
        query.text = q["q"].map(String.init)
        if let year = q["birthYear"].map(String.init), !year.isEmpty {
            guard let value = Int(year), (1000...9999).contains(value) else { throw CareBridgeError.invalid("birthYear", "birthYear must be a year such as 1990.") }
            query.birthYear = value
        }
        if let number = q["documentNumber"].map(String.init), !number.isEmpty {
            let type = try DocumentType.parse(q["documentType"].map(String.init) ?? "passport", field: "documentType")
            guard let country = q["documentCountry"].map(String.init), !country.isEmpty else {
                throw CareBridgeError.invalid("documentCountry", "Give documentCountry, the country that issued the document.")
            }
            query.document = IdentityDocument(type: type, issuingCountry: country, number: number)
        }
        let (limit, _) = try request.paging()
        query.limit = limit
        return query
    }
}

import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// A person's legal-status episodes, insurance, standing on a date, consents and merges.
enum PeopleRecordsController {
    struct StatusesBody: Encodable {
        var items: [StatusBody]
        var insurance: [InsuranceBody]
    }

    struct StandingBody: Encodable {
        var date: CalendarDay
        var status: StatusBody?
        var insurance: InsuranceBody?
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices, people: PeopleService) {
        router.get(RouterPath(APIRoute.personStatuses.path)) { request, context in
            let (statuses, policies) = try await people.statuses(try PeopleController.personID(context), request: request, context: context)
            return try JSONResponse.make(StatusesBody(items: statuses.map(StatusBody.init), insurance: policies.map(InsuranceBody.init)))
        }
        router.post(RouterPath(APIRoute.personStatuses.path)) { request, context in
            let id = try PeopleController.personID(context)
            let input = try await request.decodeJSON(StatusInput.self, context: context)
            let episode = try input.episode(personID: id, by: try context.requireIdentity().user.id, at: services.now())
            try await people.saveStatus(episode, request: request, context: context)
            return try JSONResponse.make(StatusBody(episode), status: .created)
        }
        router.put(RouterPath(APIRoute.personStatus.path)) { request, context in
            let id = try PeopleController.personID(context)
            let episodeID = try context.uuidParameter("statusId", what: "The status episode")
            guard try await services.statuses.statuses(of: [id]).contains(where: { $0.id == episodeID }) else {
                throw CareBridgeError.notFound("The status episode")
            }
            let input = try await request.decodeJSON(StatusInput.self, context: context)
            let episode = try input.episode(id: episodeID, personID: id, by: try context.requireIdentity().user.id, at: services.now())
            try await people.saveStatus(episode, request: request, context: context)
            return try JSONResponse.make(StatusBody(episode))
        }
        router.delete(RouterPath(APIRoute.personStatus.path)) { request, context in
            let id = try PeopleController.personID(context)
            try await people.deleteStatus(try context.uuidParameter("statusId", what: "The status episode"), of: id, request: request, context: context)
            return Response(status: .noContent)
        }
        router.get(RouterPath(APIRoute.personInsurance.path)) { request, context in
            let (_, policies) = try await people.statuses(try PeopleController.personID(context), request: request, context: context)
            return try JSONResponse.make(ListBody(items: policies.map(InsuranceBody.init), nextCursor: nil))
        }
        router.post(RouterPath(APIRoute.personInsurance.path)) { request, context in
            let id = try PeopleController.personID(context)
            let input = try await request.decodeJSON(InsuranceInput.self, context: context)
            let policy = try input.policy(personID: id, by: try context.requireIdentity().user.id, at: services.now())
            try await people.savePolicy(policy, request: request, context: context)
            return try JSONResponse.make(InsuranceBody(policy), status: .created)
        }
        router.get(RouterPath(APIRoute.personStanding.path)) { request, context in
            let id = try PeopleController.personID(context)
            let date = try request.uri.queryParameters["date"].map { try CalendarDay(parsing: String($0), field: "date") } ?? services.today
            let (statuses, policies) = try await people.statuses(id, request: request, context: context)
            let standing = StandingOnDay(date: date, statuses: statuses.filter { $0.personID == id }, policies: policies.filter { $0.personID == id })
            return try JSONResponse.make(StandingBody(date: date, status: standing.status.map(StatusBody.init), insurance: standing.insurance.map(InsuranceBody.init)))
        }
        router.get(RouterPath(APIRoute.personConsents.path)) { request, context in
            let consents = try await people.consents(try PeopleController.personID(context), request: request, context: context)
            let now = services.now()
            return try JSONResponse.make(ListBody(items: consents.map { ConsentBody($0, now: now) }, nextCursor: nil))
        }
        router.post(RouterPath(APIRoute.personConsents.path)) { request, context in
            let id = try PeopleController.personID(context)
            let input = try await request.decodeJSON(ConsentInput.self, context: context)
            let consent = try input.consent(personID: id, by: try context.requireIdentity().user.id, at: services.now())
            try await people.recordConsent(consent, request: request, context: context)
            return try JSONResponse.make(ConsentBody(consent, now: services.now()), status: .created)
        }
        router.post(RouterPath(APIRoute.personConsentWithdraw.path)) { request, context in
            let id = try PeopleController.personID(context)
            let consentID = try context.uuidParameter("consentId", what: "The consent")
            try await people.withdrawConsent(consentID, of: id, request: request, context: context)
            let consents = try await services.consents.consents(of: [id])
            guard let consent = consents.first(where: { $0.id == consentID }) else { throw CareBridgeError.notFound("The consent") }
            return try JSONResponse.make(ConsentBody(consent, now: services.now()))
        }
        router.get(RouterPath(APIRoute.personMerges.path)) { request, context in
            let id = try PeopleController.personID(context)
            try await services.gate.authorizeRead(.identity, of: try await people.target(id), request: request, context: context)
            return try JSONResponse.make(ListBody(items: try await services.merges.merges(involving: id).map(MergeBody.init), nextCursor: nil))
        }
        router.post(RouterPath(APIRoute.personMerges.path)) { request, context in
            struct MergeInput: Decodable { var duplicateId: String; var reason: String? }
            let id = try PeopleController.personID(context)
            let input = try await request.decodeJSON(MergeInput.self, context: context)
            guard let duplicate = UUID(uuidString: input.duplicateId) else { throw CareBridgeError.invalid("duplicateId", "duplicateId is not a person id.") }
            let merge = try await people.merge(duplicate, into: id, reason: input.reason, request: request, context: context)
            return try JSONResponse.make(MergeBody(merge), status: .created)
        }
        router.post(RouterPath(APIRoute.personMergeUndo.path)) { request, context in
            let id = try PeopleController.personID(context)
            let merge = try await people.undoMerge(try context.uuidParameter("mergeId", what: "The merge"), of: id, request: request, context: context)
            return try JSONResponse.make(MergeBody(merge))
        }
    }
}

import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v1/referrals`: send a referral to a directory service, list the inbox or outbox (`?box=inbox|outbox`,
/// `&overdue=true`), read one, and take a step (`POST /api/v1/referrals/{id}/actions` with `action` and its `reason`,
/// `note` or `appointment`). Only the two organizations of a referral see it; the outcome note only users the access
/// policy lets read health data.
enum ReferralsController {
    struct NewReferral: Decodable {
        var personId: UUID
        var serviceId: UUID
        var reason: String
        var urgency: String?
        var languagesNeeded: [String]?
        var consentBasis: ReferralBasis
    }

    struct Step: Decodable {
        var action: String
        var reason: String?
        var note: String?
        var appointment: Date?
        /// With `decline`: cost, capacity, not-eligible or other.
        var declineCode: String?
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let referrals = ReferralService(services: services)
        router.post(RouterPath(APIRoute.referrals.path)) { request, context in
            let input = try await request.decodeJSON(NewReferral.self, context: context)
            let view = try await referrals.send(personID: input.personId, serviceID: input.serviceId, reason: input.reason,
                                                urgency: try input.urgency.map { try ReferralUrgency.parse($0) } ?? .routine,
                                                languages: input.languagesNeeded ?? [], basis: input.consentBasis, request: request, context: context)
            return try JSONResponse.make(ReferralBody(view), status: .created, etag: view.version, location: APIRoute.referral.link(view.referral.id.text))
        }
        router.get(RouterPath(APIRoute.referrals.path)) { request, context in
            let query = request.uri.queryParameters
            guard let box = ReferralRepository.Box(rawValue: query["box"].map(String.init) ?? "inbox") else {
                throw CareBridgeError.invalid("box", "box must be inbox or outbox.")
            }
            let views = try await referrals.list(box, overdueOnly: try QueryFlag.read(query["overdue"], name: "overdue"), request: request, context: context)
            return try JSONResponse.make(ReferralList(items: views.map(ReferralBody.init), overdue: views.filter { $0.overdueSince != nil }.count))
        }
        router.get(RouterPath(APIRoute.referral.path)) { request, context in
            let view = try await referrals.read(try context.uuidParameter("id", what: "The referral"), request: request, context: context)
            return try JSONResponse.make(ReferralBody(view), etag: view.version)
        }
        router.post(RouterPath(APIRoute.referralActions.path)) { request, context in
            let id = try context.uuidParameter("id", what: "The referral")
            let step = try await request.decodeJSON(Step.self, context: context)
            let action = try ReferralAction(kind: try ReferralActionKind.parse(step.action), reason: step.reason, note: step.note, appointment: step.appointment,
                                            declineCode: try step.declineCode.map { try ReferralDeclineCode.parse($0) })
            let view = try await referrals.act(id, action: action, request: request, context: context)
            return try JSONResponse.make(ReferralBody(view), etag: view.version)
        }
    }
}

struct ReferralList: Encodable {
    var items: [ReferralBody]
    /// How many of them are overdue (ReferralDeadlines).
    var overdue: Int
}

struct ReferralBody: Encodable {
    struct EventBody: Encodable {
        var from: String?
        var to: String
        var action: String
        var at: Date
        var organizationId: String
        var note: String?
        var appointment: Date?
    }
    var id: String
    var personId: String
    var fromOrganizationId: String
    var toOrganizationId: String
    var serviceId: String
    var reason: String
    var urgency: String
    var languagesNeeded: [String]
    var state: String
    var side: String
    /// What this user's side may do next.
    var allowedActions: [String]
    var createdAt: Date
    var updatedAt: Date
    var appointment: Date?
    var declineReason: String?
    var declineCode: String?
    /// Present only for users who may read the person's health data.
    var outcomeNote: String?
    var overdueSince: Date?
    var consentBasis: String
    var events: [EventBody]

    init(_ view: ReferralService.View) {
        let r = view.referral
        (id, personId, fromOrganizationId, toOrganizationId, serviceId) = (r.id.text, r.personID.text, r.fromOrganizationID.text, r.toOrganizationID.text, r.serviceID.text)
        (reason, urgency, languagesNeeded, state, side) = (r.reason, r.urgency.rawValue, r.languagesNeeded, r.state.rawValue, view.side.rawValue)
        allowedActions = r.state.allowedActions(for: view.side).map(\.rawValue)
        (createdAt, updatedAt, appointment, declineReason) = (r.createdAt, r.updatedAt, r.appointment, r.declineReason)
        declineCode = r.declineCode?.rawValue
        outcomeNote = view.outcomeVisible ? r.outcomeNote : nil
        overdueSince = view.overdueSince
        consentBasis = r.consentBasis.type
        events = r.events.map { EventBody(from: $0.from?.rawValue, to: $0.to.rawValue, action: $0.action.rawValue, at: $0.at, organizationId: $0.organizationID.text,
                                          note: $0.note, appointment: $0.appointment) }
    }
}

import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import Plot

/// `/app/measures/{id}`: a measure in the chosen language: its text, the evidence (simulation run, indicator targets
/// with the latest live figure, legal acts), each indicator plotted against baseline and target, the deliberation
/// (positions, comments, amendments with their diff) and the version history; with the forms for each action.
enum MeasurePage {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let service = MeasureService(services: services)
        router.get(RouterPath("/app/measures/:id")) { request, context in
            _ = try context.requireIdentity()
            let id = try context.uuidParameter("id", what: "The measure")
            return try await render(id, request: request, context: context, services: services, notice: nil)
        }
        /// Every form of the page: run the action, go back to the page, or show the page again with the error.
        func action(_ suffix: String, _ body: @escaping @Sendable (UUID, FormFields, Identity, AppRequestContext) async throws -> Void) {
            router.post(RouterPath("/app/measures/:id/" + suffix)) { request, context in
                let identity = try context.requireIdentity()
                let id = try context.uuidParameter("id", what: "The measure")
                let form = try await request.formFields(context: context)
                do {
                    try await body(id, form, identity, context)
                    return HTMLResponse.redirect(SiteURL.measure(id))
                } catch let error as CareBridgeError where [.validation, .conflict, .forbidden, .preconditionFailed].contains(error.kind) {
                    return try await render(id, request: request, context: context, services: services, notice: Notice(kind: .error, text: error.detail),
                                            status: Problem.status(for: error.kind), values: form.values)
                }
            }
        }
        action("status") { id, form, identity, context in
            _ = try await service.changeStatus(id, to: try MeasureStatus.parse(form["status"] ?? ""), note: form["note"], meetingID: form["meeting"].flatMap(UUID.init(uuidString:)),
                                               expectedRevision: form["revision"].flatMap { Int($0) }, by: identity, requestID: context.id)
        }
        action("position") { id, form, identity, context in
            guard let stance = form["stance"].flatMap(MeasurePosition.Stance.init(rawValue:)) else {
                throw CareBridgeError.invalid("stance", Catalogs.localizer(context.language)("measures.position.choose"))
            }
            _ = try await service.setPosition(id, stance: stance, reason: form["reason"], by: identity, requestID: context.id)
        }
        action("comment") { id, form, identity, context in
            _ = try await service.comment(id, text: form["text"] ?? "", by: identity, requestID: context.id)
        }
        action("amend") { id, form, identity, context in
            let language = form["language"].nonBlank ?? context.language
            let measure = try await service.measure(id)
            let base = Int(form["baseVersion"] ?? "") ?? 0
            var content = measure.version(base)?.content ?? measure.current
            // The evidence form changes the timeline, simulation, targets and legal acts; the text form the words.
            if form["evidence"] == "1" { try MeasureFormPage.applyEvidence(form, to: &content, services: services) }
            for field in ["title", "text", "problem"] where form["evidence"] != "1" {
                guard let value = form[field] else { continue }
                let trimmed = value.trimmed.isEmpty ? nil : value.replacingOccurrences(of: "\r\n", with: "\n")
                switch field {
                case "title": content.title[language] = trimmed
                case "text": content.text[language] = trimmed
                default: content.problem[language] = trimmed
                }
            }
            if form["action"] == "edit" {
                _ = try await service.edit(id, content: content, baseVersion: base, note: form["reason"], meetingID: form["meeting"].flatMap(UUID.init(uuidString:)),
                                           expectedRevision: nil, by: identity, requestID: context.id)
            } else {
                _ = try await service.proposeAmendment(id, content: content, baseVersion: base, reason: form["reason"], by: identity, requestID: context.id)
            }
        }
        router.post(RouterPath("/app/measures/:id/amendments/:amendmentId/:decision")) { request, context in
            let identity = try context.requireIdentity()
            let id = try context.uuidParameter("id", what: "The measure")
            let amendment = try context.uuidParameter("amendmentId", what: "The amendment")
            let form = try await request.formFields(context: context)
            do {
                switch context.parameters.get("decision") {
                case "accept", "reject":
                    _ = try await service.decideAmendment(id, amendment: amendment, accept: context.parameters.get("decision") == "accept", note: form["note"],
                                                          meetingID: form["meeting"].flatMap(UUID.init(uuidString:)), by: identity, requestID: context.id)
                case "withdraw": _ = try await service.withdrawAmendment(id, amendment: amendment, by: identity, requestID: context.id)
                default: throw CareBridgeError.notFound("The action")
                }
                return HTMLResponse.redirect(SiteURL.measure(id) + "#amendments")
            } catch let error as CareBridgeError where [.validation, .conflict, .forbidden, .preconditionFailed].contains(error.kind) {
                return try await render(id, request: request, context: context, services: services, notice: Notice(kind: .error, text: error.detail),
                                        status: Problem.status(for: error.kind))
            }
        }
    }

    static func render(_ id: UUID, request: Request, context: AppRequestContext, services: AppServices, notice: Notice?,
                       status: HTTPResponse.Status = .ok, values: [String: String] = [:]) async throws -> Response {
        let model = try await Model.load(id, request: request, context: context, services: services)
        let page = context.page(request)
        var compare: (Int, Int)?
        let q = request.uri.queryParameters
        if let from = q["from"].flatMap({ Int(String($0)) }), let to = q["to"].flatMap({ Int(String($0)) }),
           model.measure.version(from) != nil, model.measure.version(to) != nil { compare = (from, to) }
        return HTMLResponse.page(view(model, page: page, text: try await MeasureText.load(page.l, services: services), services: services,
                                      compare: compare, notice: notice, values: values), status: status)
    }

    struct SimulationSummary {
        var id: UUID
        var title: String
        var date: CalendarDay
        /// Care types whose coverage changed, with the people gained and lost (nil: fewer than five, hidden).
        var changes: [(care: String, gained: Int?, lost: Int?)]
    }

    struct Model {
        var plan: ActionPlan
        var measure: Measure
        var meetings: [Meeting]
        var simulation: SimulationSummary?
        /// The simulation the measure links to was deleted since.
        var simulationMissing: Bool
        var monitoring: MeasureMonitoring?
        var mayDecide: Bool
        var mayDeliberate: Bool
        /// For the evidence amendment form.
        var simulations: [StoredSimulation]

        static func load(_ id: UUID, request: Request, context: AppRequestContext, services: AppServices) async throws -> Model {
            let service = MeasureService(services: services)
            let identity = try context.requireIdentity()
            let measure = try await service.measure(id)
            let plan = try await service.plan(measure.planID)
            var simulation: SimulationSummary?
            var missing = false
            if let simID = measure.current.simulationID {
                if let stored = try await services.simulations.find(id: simID), let body = try? SimulationBody(stored) {
                    simulation = SimulationSummary(id: stored.id, title: stored.title, date: stored.onDate,
                                                   changes: body.care.filter { ($0.gained ?? 1) > 0 || ($0.lost ?? 1) > 0 }.map { ($0.care, $0.gained, $0.lost) })
                } else { missing = true }
            }
            var monitoring: MeasureMonitoring?
            if !measure.current.indicators.isEmpty, (try? await services.gate.authorizeAggregate(request: request, context: context)) != nil {
                monitoring = MeasureMonitoring.compute(measure, plan: plan, services: services, snapshot: await services.population.current())
            }
            let participants = try await service.participants(measure)
            return Model(plan: plan, measure: measure, meetings: try await service.repository.meetings(plan: plan.id), simulation: simulation,
                         simulationMissing: missing, monitoring: monitoring,
                         mayDecide: (try? service.requireResponsible(measure, identity)) != nil,
                         mayDeliberate: MeasureService.isPlatformAdmin(identity) || participants.contains(identity.organization.id),
                         simulations: try await services.simulations.list(limit: 100))
        }
    }
}

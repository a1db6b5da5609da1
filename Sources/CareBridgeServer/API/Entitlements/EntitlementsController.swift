import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v1/people/{id}/entitlements` and `/api/v1/rulesets`: what a person may get and why; the rule sets, their
/// decision tables, and (platform administrators) uploading a set, putting it in force and choosing readings.
enum EntitlementsController {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let entitlements = EntitlementService(services: services)
        router.get(RouterPath(APIRoute.personEntitlements.path)) { request, context in
            let id = try PeopleController.personID(context)
            let query = request.uri.queryParameters
            let day = try query["date"].map { try CalendarDay(parsing: String($0), field: "date") } ?? services.today
            let pregnant = try query["pregnant"].map { try flag(String($0), field: "pregnant") } ?? false
            let stage = try query["asylumStage"].map { try AsylumStage.parse(String($0)) }
            let result = try await entitlements.entitlements(of: id, on: day, pregnant: pregnant, asylumStage: stage, request: request, context: context)
            return try JSONResponse.make(PersonEntitlementsBody(result, language: context.language))
        }
        router.get(RouterPath(APIRoute.ruleSets.path)) { _, context in
            _ = try context.requireIdentity()
            let stored = try await services.ruleSets.repository.list()
            return try JSONResponse.make(ListBody(items: stored.map { RuleSetBody($0, set: try? parse($0, services), language: context.language, full: false) }, nextCursor: nil))
        }
        router.post(RouterPath(APIRoute.ruleSets.path)) { request, context in
            let identity = try context.requirePlatformAdmin()
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let yaml = String(buffer: buffer)
            guard !yaml.trimmed.isEmpty else { throw CareBridgeError(.badRequest, title: "Missing request body", detail: "Send the rule set's YAML as the body.") }
            let query = request.uri.queryParameters
            let fileName = query["fileName"].map(String.init) ?? "upload.yaml"
            let activate = try query["activate"].map { try flag(String($0), field: "activate") } ?? false
            let stored = try await services.ruleSets.upload(yaml, fileName: fileName, by: identity.user.id, at: services.now(), activate: activate,
                                                            database: services.database)
            try await adminAudit(identity, "ruleset.upload", "\(stored.country) \(stored.version)\(activate ? " in force" : "")", context, services)
            return try JSONResponse.make(RuleSetBody(stored, set: try? parse(stored, services), language: context.language, full: false),
                                         status: .created, location: APIRoute.ruleSet.link(Hex.uuid(stored.id)))
        }
        router.get(RouterPath(APIRoute.ruleSet.path)) { _, context in
            _ = try context.requireIdentity()
            let stored = try await load(context, services)
            return try JSONResponse.make(RuleSetBody(stored, set: try parse(stored, services), language: context.language, full: true))
        }
        router.get(RouterPath(APIRoute.ruleSetTable.path)) { request, context in
            _ = try context.requireIdentity()
            let stored = try await load(context, services)
            let table = try services.ruleSets.compile(stored.yaml, fileName: stored.fileName, selection: stored.selection)
            return try JSONResponse.make(ListBody(items: table.rows.map(DecisionRowBody.init), nextCursor: nil))
        }
        router.post(RouterPath(APIRoute.ruleSetActivate.path)) { _, context in
            let identity = try context.requirePlatformAdmin()
            let stored = try await services.ruleSets.activate(try context.uuidParameter("id", what: "The rule set"), database: services.database)
            try await adminAudit(identity, "ruleset.activate", "\(stored.country) \(stored.version)", context, services)
            return try JSONResponse.make(RuleSetBody(stored, set: try? parse(stored, services), language: context.language, full: false))
        }
        router.put(RouterPath(APIRoute.ruleSetSelection.path)) { request, context in
            let identity = try context.requirePlatformAdmin()
            struct Input: Decodable { var choices: [String: String] }
            let input = try await request.decodeJSON(Input.self, context: context)
            let stored = try await services.ruleSets.select(input.choices, for: try context.uuidParameter("id", what: "The rule set"), by: identity.user.id,
                                                            at: services.now(), database: services.database)
            try await adminAudit(identity, "ruleset.select", input.choices.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","), context, services)
            return try JSONResponse.make(RuleSetBody(stored, set: try? parse(stored, services), language: context.language, full: false))
        }
    }

    static func load(_ context: AppRequestContext, _ services: AppServices) async throws -> StoredRuleSet {
        guard let stored = try await services.ruleSets.repository.find(id: try context.uuidParameter("id", what: "The rule set")) else {
            throw CareBridgeError.notFound("The rule set")
        }
        return stored
    }

    static func parse(_ stored: StoredRuleSet, _ services: AppServices) throws -> RuleSet {
        do { return try RuleSetParser.parse(stored.yaml, file: stored.fileName, countries: services.ruleSets.countries) } catch { throw error.error }
    }

    static func flag(_ text: String, field: String) throws -> Bool {
        switch text { case "true", "1", "yes": return true; case "false", "0", "no": return false
        default: throw CareBridgeError.invalid(field, "\(field) must be true or false.") }
    }

    static func adminAudit(_ identity: Identity, _ action: String, _ reason: String, _ context: AppRequestContext, _ services: AppServices) async throws {
        try await services.database.write { db in
            try await services.audit.append([.admin(identity, now: services.now(), action: action, requestID: context.id, reason: reason)], in: db)
        }
    }
}

/// `/api/v1/simulations`: run a policy simulation (stored with its inputs), list them, read one as JSON or CSV.
enum SimulationsController {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let simulations = SimulationService(services: services)
        router.post(RouterPath(APIRoute.simulations.path)) { request, context in
            let identity = try context.requireIdentity()
            try identity.requireAnalysis()
            let input = try await request.decodeJSON(SimulationService.Request.self, context: context)
            let stored = try await simulations.run(input, by: identity)
            return try JSONResponse.make(try SimulationBody(stored), status: .created, location: APIRoute.simulation.link(Hex.uuid(stored.id)))
        }
        router.get(RouterPath(APIRoute.simulations.path)) { _, context in
            try context.requireIdentity().requireAnalysis()
            struct Summary: Encodable { var id: UUID; var title: String; var date: CalendarDay; var createdAt: Date; var alternative: String; var people: Int }
            let items = try await services.simulations.list().map { Summary(id: $0.id, title: $0.title, date: $0.onDate, createdAt: $0.createdAt, alternative: $0.alternativeLabel, people: $0.people) }
            return try JSONResponse.make(ListBody(items: items, nextCursor: nil))
        }
        router.get(RouterPath(APIRoute.simulation.path)) { request, context in
            try context.requireIdentity().requireAnalysis()
            guard let stored = try await services.simulations.find(id: try context.uuidParameter("id", what: "The simulation")) else {
                throw CareBridgeError.notFound("The simulation")
            }
            let body = try SimulationBody(stored)
            if request.uri.queryParameters["format"] == "csv" || (request.headers[.accept] ?? "").contains("text/csv") {
                return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                       .contentDisposition: "attachment; filename=\"simulation-\(Hex.uuid(stored.id)).csv\""],
                                body: .init(byteBuffer: ByteBuffer(string: body.csv)))
            }
            return try JSONResponse.make(body)
        }
    }
}

import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v1/plans`, `/api/v1/measures` and `/api/v1/meetings`: the inter-agency action plan. Reading is open to every
/// signed-in user (plan data, not person data); changes as `MeasureService` allows, each audited.
enum MeasuresController {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let service = MeasureService(services: services)

        router.get(RouterPath(APIRoute.plans.path)) { request, context in
            _ = try context.requireIdentity()
            let (limit, cursor) = try request.paging()
            let page = try await service.repository.plans(limit: limit, after: cursor)
            return try JSONResponse.makeCore(ListBody(items: page.items, nextCursor: page.nextCursor))
        }
        router.post(RouterPath(APIRoute.plans.path)) { request, context in
            let identity = try context.requireIdentity()
            try service.requirePlanner(identity)
            let input = try await request.decodeJSON(PlanInput.self, context: context)
            let plan = try ActionPlan(title: input.title, summary: input.summary ?? [:], country: input.country ?? services.configuration.country,
                                      start: input.start, end: input.end, createdBy: service.actor(identity))
            let created = try await service.createPlan(plan, by: identity, requestID: context.id)
            return try JSONResponse.makeCore(created, status: .created, etag: Int64(created.version), location: APIRoute.plan.link(created.id.text))
        }
        router.get(RouterPath(APIRoute.plan.path)) { _, context in
            _ = try context.requireIdentity()
            let plan = try await service.plan(try context.uuidParameter("id", what: "The action plan"))
            struct Body: Encodable { var plan: ActionPlan; var measures: [MeasureSummary]; var meetings: [Meeting] }
            let measures = try await service.repository.measures(plan: plan.id).map(MeasureSummary.init)
            let meetings = try await service.repository.meetings(plan: plan.id)
            return try JSONResponse.makeCore(Body(plan: plan, measures: measures, meetings: meetings), etag: Int64(plan.version))
        }
        router.patch(RouterPath(APIRoute.plan.path)) { request, context in
            let identity = try context.requireIdentity()
            let id = try context.uuidParameter("id", what: "The action plan")
            let expected = Int(try request.requiredVersion())
            struct Changes: Decodable { var title: LocalizedText?; var summary: LocalizedText?; var start: CalendarDay?; var end: CalendarDay? }
            let changes = try await request.decodeJSON(Changes.self, context: context)
            let plan = try await service.updatePlan(id, expectedVersion: expected, by: identity, requestID: context.id) { plan in
                if let title = changes.title { plan.title = title }
                if let summary = changes.summary { plan.summary = summary }
                if let start = changes.start { plan.start = start }
                if let end = changes.end { plan.end = end }
            }
            return try JSONResponse.makeCore(plan, etag: Int64(plan.version))
        }
        router.get(RouterPath(APIRoute.planChangelog.path)) { request, context in
            _ = try context.requireIdentity()
            let plan = try await service.plan(try context.uuidParameter("id", what: "The action plan"))
            let (from, to) = try changelogRange(request, services: services)
            let log = PlanChangelog(try await service.repository.measures(plan: plan.id), from: from, to: to)
            struct Body: Encodable { var from: Date; var to: Date; var entries: [ChangelogEntryBody] }
            return try JSONResponse.makeCore(Body(from: log.from, to: log.to, entries: log.entries.map(ChangelogEntryBody.init)))
        }

        router.get(RouterPath(APIRoute.measures.path)) { request, context in
            _ = try context.requireIdentity()
            let (limit, cursor) = try request.paging()
            let plan = try request.uri.queryParameters["plan"].map { text -> UUID in
                guard let id = UUID(uuidString: String(text)) else { throw CareBridgeError.invalid("plan", "plan is the id of an action plan.") }
                return id
            }
            let status = try request.uri.queryParameters["status"].map { try MeasureStatus.parse(String($0)) }
            let page = try await service.repository.measures(plan: plan, status: status, limit: limit, after: cursor)
            return try JSONResponse.makeCore(ListBody(items: page.items.map(MeasureSummary.init), nextCursor: page.nextCursor))
        }
        router.post(RouterPath(APIRoute.measures.path)) { request, context in
            let identity = try context.requireIdentity()
            struct Input: Decodable { var planId: UUID; var note: String? }
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let data = Data(buffer: buffer)
            guard !data.isEmpty else { throw CareBridgeError(.badRequest, title: "Missing request body", detail: "This request needs a JSON body.") }
            let input = try JSONDecoder.api.decode(Input.self, from: data)
            let content = try JSONDecoder.api.decode(MeasureContentInput.self, from: data).content()
            let measure = try await service.propose(plan: input.planId, content, note: input.note, by: identity, requestID: context.id)
            return try JSONResponse.makeCore(MeasureBody(measure), status: .created, etag: Int64(measure.revision), location: APIRoute.measure.link(measure.id.text))
        }
        router.get(RouterPath(APIRoute.measure.path)) { _, context in
            _ = try context.requireIdentity()
            let measure = try await service.measure(try measureID(context))
            return try JSONResponse.makeCore(MeasureBody(measure), etag: Int64(measure.revision))
        }
        router.patch(RouterPath(APIRoute.measure.path)) { request, context in
            let identity = try context.requireIdentity()
            let id = try measureID(context)
            let expected = Int(try request.requiredVersion())
            struct Extra: Decodable { var note: String?; var meetingId: UUID? }
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let data = Data(buffer: buffer)
            let extra = try JSONDecoder.api.decode(Extra.self, from: data)
            let changes = try JSONDecoder.api.decode(MeasureContentInput.self, from: data)
            let current = try await service.measure(id)
            let measure = try await service.edit(id, content: changes.applied(to: current.current), baseVersion: current.currentVersion, note: extra.note,
                                                 meetingID: extra.meetingId, expectedRevision: expected, by: identity, requestID: context.id)
            return try JSONResponse.makeCore(MeasureBody(measure), etag: Int64(measure.revision))
        }
        router.get(RouterPath(APIRoute.measureVersions.path)) { _, context in
            _ = try context.requireIdentity()
            let measure = try await service.measure(try measureID(context))
            return try JSONResponse.makeCore(ListBody(items: measure.versions, nextCursor: nil), etag: Int64(measure.revision))
        }
        router.get(RouterPath(APIRoute.measureDiff.path)) { request, context in
            _ = try context.requireIdentity()
            let measure = try await service.measure(try measureID(context))
            let q = request.uri.queryParameters
            func version(_ name: String, default value: Int) throws -> MeasureVersion {
                let number = try q[name[...]].map { text -> Int in
                    guard let n = Int(String(text)) else { throw CareBridgeError.invalid(name, "\(name) is a version number.") }
                    return n
                } ?? value
                guard let v = measure.version(number) else {
                    throw CareBridgeError.invalid(name, "The measure has versions 1 to \(measure.currentVersion); there is no version \(number).")
                }
                return v
            }
            let b = try version("to", default: measure.currentVersion)
            let a = try version("from", default: max(b.number - 1, 1))
            return try JSONResponse.makeCore(MeasureDiffBody(a, b, language: q["lang"].map(String.init) ?? context.language))
        }
        router.post(RouterPath(APIRoute.measureStatus.path)) { request, context in
            let identity = try context.requireIdentity()
            struct Input: Decodable { var status: String; var note: String?; var meetingId: UUID? }
            let input = try await request.decodeJSON(Input.self, context: context)
            let expected = request.headers[.ifMatch] == nil ? nil : Int(try request.requiredVersion())
            let measure = try await service.changeStatus(try measureID(context), to: try MeasureStatus.parse(input.status), note: input.note,
                                                         meetingID: input.meetingId, expectedRevision: expected, by: identity, requestID: context.id)
            return try JSONResponse.makeCore(MeasureBody(measure), etag: Int64(measure.revision))
        }
        router.get(RouterPath(APIRoute.measureAmendments.path)) { _, context in
            _ = try context.requireIdentity()
            let measure = try await service.measure(try measureID(context))
            return try JSONResponse.makeCore(ListBody(items: measure.amendments, nextCursor: nil))
        }
        router.post(RouterPath(APIRoute.measureAmendments.path)) { request, context in
            let identity = try context.requireIdentity()
            let id = try measureID(context)
            struct Extra: Decodable { var baseVersion: Int?; var reason: String? }
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let data = Data(buffer: buffer)
            let extra = try JSONDecoder.api.decode(Extra.self, from: data)
            guard let base = extra.baseVersion else {
                throw CareBridgeError.invalid("baseVersion", "Name the version the amendment is written on (baseVersion), so a change made meanwhile is not overwritten.")
            }
            let changes = try JSONDecoder.api.decode(MeasureContentInput.self, from: data)
            let current = try await service.measure(id)
            // The amendment applies to the version it was written on; an outdated one is refused by the core.
            guard let written = current.version(base)?.content else {
                throw CareBridgeError.invalid("baseVersion", "The measure has versions 1 to \(current.currentVersion); there is no version \(base).")
            }
            let (measure, amendment) = try await service.proposeAmendment(id, content: changes.applied(to: written), baseVersion: base, reason: extra.reason,
                                                                          by: identity, requestID: context.id)
            return try JSONResponse.makeCore(amendment, status: .created, etag: Int64(measure.revision))
        }
        router.post(RouterPath(APIRoute.measureAmendmentDecision.path)) { request, context in
            let identity = try context.requireIdentity()
            struct Input: Decodable { var decision: String; var note: String?; var meetingId: UUID? }
            let input = try await request.decodeJSON(Input.self, context: context)
            guard ["accept", "reject"].contains(input.decision) else { throw CareBridgeError.invalid("decision", "decision is accept or reject, not '\(input.decision)'.") }
            let measure = try await service.decideAmendment(try measureID(context), amendment: try context.uuidParameter("amendmentId", what: "The amendment"),
                                                            accept: input.decision == "accept", note: input.note, meetingID: input.meetingId,
                                                            by: identity, requestID: context.id)
            return try JSONResponse.makeCore(MeasureBody(measure), etag: Int64(measure.revision))
        }
        router.post(RouterPath(APIRoute.measureAmendmentWithdraw.path)) { _, context in
            let identity = try context.requireIdentity()
            let measure = try await service.withdrawAmendment(try measureID(context), amendment: try context.uuidParameter("amendmentId", what: "The amendment"),
                                                              by: identity, requestID: context.id)
            return try JSONResponse.makeCore(MeasureBody(measure), etag: Int64(measure.revision))
        }
        router.get(RouterPath(APIRoute.measurePositions.path)) { _, context in
            _ = try context.requireIdentity()
            let measure = try await service.measure(try measureID(context))
            return try JSONResponse.makeCore(ListBody(items: measure.positions, nextCursor: nil))
        }
        router.put(RouterPath(APIRoute.measurePositions.path)) { request, context in
            let identity = try context.requireIdentity()
            struct Input: Decodable { var stance: String; var reason: String? }
            let input = try await request.decodeJSON(Input.self, context: context)
            guard let stance = MeasurePosition.Stance(rawValue: input.stance) else {
                throw CareBridgeError.invalid("stance", "stance is one of \(MeasurePosition.Stance.allCases.map(\.rawValue).joined(separator: ", ")); not '\(input.stance)'.")
            }
            let measure = try await service.setPosition(try measureID(context), stance: stance, reason: input.reason, by: identity, requestID: context.id)
            return try JSONResponse.makeCore(measure.positions.first { $0.organizationID == identity.organization.id }, etag: Int64(measure.revision))
        }
        router.get(RouterPath(APIRoute.measureComments.path)) { _, context in
            _ = try context.requireIdentity()
            let measure = try await service.measure(try measureID(context))
            return try JSONResponse.makeCore(ListBody(items: measure.comments, nextCursor: nil))
        }
        router.post(RouterPath(APIRoute.measureComments.path)) { request, context in
            let identity = try context.requireIdentity()
            struct Input: Decodable { var text: String }
            let input = try await request.decodeJSON(Input.self, context: context)
            let measure = try await service.comment(try measureID(context), text: input.text, by: identity, requestID: context.id)
            return try JSONResponse.makeCore(measure.comments.last, status: .created, etag: Int64(measure.revision))
        }
        router.get(RouterPath(APIRoute.measureMonitoring.path)) { request, context in
            let measure = try await service.measure(try measureID(context))
            try await services.gate.authorizeAggregate(request: request, context: context)
            let plan = try await service.plan(measure.planID)
            guard let monitoring = MeasureMonitoring.compute(measure, plan: plan, services: services, snapshot: await services.population.current()) else {
                throw CareBridgeError(.unavailable, title: "Population still loading",
                                      detail: "The population snapshot is still being read after a restart; ask again in a minute.")
            }
            struct Body: Encodable { var standing: TargetProgress.Standing?; var targets: [MeasureMonitoring.Target]; var suppressedBelow: Int }
            return try JSONResponse.makeCore(Body(standing: monitoring.standing, targets: monitoring.targets, suppressedBelow: SmallCells.threshold))
        }

        router.get(RouterPath(APIRoute.meetings.path)) { request, context in
            _ = try context.requireIdentity()
            let plan = try request.uri.queryParameters["plan"].map { text -> UUID in
                guard let id = UUID(uuidString: String(text)) else { throw CareBridgeError.invalid("plan", "plan is the id of an action plan.") }
                return id
            }
            return try JSONResponse.makeCore(ListBody(items: try await service.repository.meetings(plan: plan), nextCursor: nil))
        }
        router.post(RouterPath(APIRoute.meetings.path)) { request, context in
            let identity = try context.requireIdentity()
            let input = try await request.decodeJSON(MeetingInput.self, context: context)
            guard let kind = Meeting.Kind(rawValue: input.kind) else {
                throw CareBridgeError.invalid("kind", "kind is one of \(Meeting.Kind.allCases.map(\.rawValue).joined(separator: ", ")); not '\(input.kind)'.")
            }
            let meeting = try Meeting(planID: input.planId, kind: kind, title: input.title, date: input.date, participantIDs: input.participantIds,
                                      measureIDs: input.measureIds ?? [], notes: input.notes, createdBy: service.actor(identity))
            let recorded = try await service.recordMeeting(meeting, by: identity, requestID: context.id)
            return try JSONResponse.makeCore(MeetingBody(recorded, measures: []), status: .created, etag: Int64(recorded.version),
                                             location: APIRoute.meeting.link(recorded.id.text))
        }
        router.get(RouterPath(APIRoute.meeting.path)) { _, context in
            _ = try context.requireIdentity()
            let meeting = try await service.meeting(try context.uuidParameter("id", what: "The meeting"))
            let measures = try await service.repository.measures(plan: meeting.planID)
            return try JSONResponse.makeCore(MeetingBody(meeting, measures: measures), etag: Int64(meeting.version))
        }
    }

    static func measureID(_ context: AppRequestContext) throws -> UUID { try context.uuidParameter("id", what: "The measure") }

    /// `from` and `to` as dates (YYYY-MM-DD, the whole day) or instants (ISO 8601); default: from the beginning to now.
    static func changelogRange(_ request: Request, services: AppServices) throws -> (Date, Date) {
        let q = request.uri.queryParameters
        func instant(_ name: String, endOfDay: Bool) throws -> Date? {
            guard let text = q[name[...]].map(String.init), !text.isEmpty else { return nil }
            if let day = try? CalendarDay(parsing: text, field: name) { return endOfDay ? day.start.addingTimeInterval(86_400 - 0.001) : day.start.addingTimeInterval(-0.001) }
            if let date = ISO8601DateFormatter().date(from: text) { return date }
            throw CareBridgeError.invalid(name, "\(name) is a date (2027-03-31) or an instant (2027-03-31T12:00:00Z).")
        }
        let from = try instant("from", endOfDay: false) ?? Date(timeIntervalSince1970: 0)
        let to = try instant("to", endOfDay: true) ?? services.now()
        if to < from { throw CareBridgeError.invalid("to", "The changelog ends before it starts.") }
        return (from, to)
    }
}

import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// `/app/plans/{id}`: a plan at a glance: each measure's number, title, responsible organization, status, version,
/// positions, and for agreed measures whether their indicators are on track (from the live data); the meetings; the
/// links to the printable document and the changelog; forms to propose a measure and record a meeting.
enum PlanPage {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let service = MeasureService(services: services)
        router.get(RouterPath(SiteURL.plans + "/:id")) { request, context in
            _ = try context.requireIdentity()
            let model = try await Model.load(try context.uuidParameter("id", what: "The action plan"), request: request, context: context, services: services)
            let page = context.page(request)
            return HTMLResponse.page(view(model, page: page, text: try await MeasureText.load(page.l, services: services)))
        }
        router.post(RouterPath(SiteURL.plans + "/:id/meetings")) { request, context in
            let identity = try context.requireIdentity()
            let planID = try context.uuidParameter("id", what: "The action plan")
            let form = try await request.formFields(context: context)
            let page = context.page(request)
            do {
                guard let kind = form["kind"].flatMap(Meeting.Kind.init(rawValue:)) else { throw CareBridgeError.invalid("kind", page.l("measures.meeting.form.need-kind")) }
                guard let date = form["date"].nonBlank else { throw CareBridgeError.invalid("date", page.l("measures.meeting.form.need-date")) }
                let chosen = { (prefix: String) in form.values.keys.filter { $0.hasPrefix(prefix) }.compactMap { UUID(uuidString: String($0.dropFirst(prefix.count))) }.sorted { $0.uuidString < $1.uuidString } }
                let meeting = try Meeting(planID: planID, kind: kind, title: form["title"] ?? "", date: try CalendarDay(parsing: date, field: "date"),
                                          participantIDs: chosen("org-"), measureIDs: chosen("measure-"), notes: form["notes"], createdBy: service.actor(identity))
                let recorded = try await service.recordMeeting(meeting, by: identity, requestID: context.id)
                return HTMLResponse.redirect(SiteURL.meeting(recorded.id))
            } catch let error as CareBridgeError where [.validation, .forbidden].contains(error.kind) {
                let model = try await Model.load(planID, request: request, context: context, services: services)
                return HTMLResponse.page(view(model, page: page, text: try await MeasureText.load(page.l, services: services), notice: Notice(kind: .error, text: error.detail)),
                                         status: Problem.status(for: error.kind))
            }
        }
    }

    struct Row {
        var measure: Measure
        var standing: TargetProgress.Standing?
        var monitored: Bool
    }

    struct Model {
        var plan: ActionPlan
        var rows: [Row]
        var meetings: [Meeting]

        static func load(_ id: UUID, request: Request, context: AppRequestContext, services: AppServices) async throws -> Model {
            let service = MeasureService(services: services)
            let plan = try await service.plan(id)
            let measures = try await service.repository.measures(plan: id)
            // Live figures are aggregates: one decision (and audit event) of the access policy for the whole overview.
            let monitored = measures.contains { $0.status.isAgreed && !$0.current.indicators.isEmpty }
            var allowed = false
            if monitored { allowed = (try? await services.gate.authorizeAggregate(request: request, context: context)) != nil }
            let snapshot = allowed ? await services.population.current() : PopulationSnapshot()
            let rows = measures.map { m in
                let watch = allowed && m.status.isAgreed && !m.current.indicators.isEmpty
                return Row(measure: m, standing: watch ? MeasureMonitoring.compute(m, plan: plan, services: services, snapshot: snapshot, chart: false)?.standing : nil,
                           monitored: watch)
            }
            return Model(plan: plan, rows: rows, meetings: try await service.repository.meetings(plan: id))
        }
    }

    static func view(_ m: Model, page: PageContext, text: MeasureText, notice: Notice? = nil) -> String {
        let l = page.l
        let title = m.plan.title.text(in: l.language)
        return PageShell(title: title, page: page, current: SiteURL.plans, notice: notice).render {
            if m.plan.demo { Paragraph(l("plans.demo-note")).class("notice notice-info") }
            Paragraph(l("plans.period", ["start": m.plan.start.description, "end": m.plan.end.description])).class("lead")
            if m.plan.summary.has(l.language) || !m.plan.summary.isEmpty { Paragraph(m.plan.summary.text(in: l.language)) }
            Paragraph {
                Link(l("plans.document"), url: SiteURL.planPart(m.plan.id, "document"))
                Text(" · ")
                Link(l("plans.changelog"), url: SiteURL.planPart(m.plan.id, "changelog"))
                Text(" · ")
                Link(l("plans.propose"), url: SiteURL.planPart(m.plan.id, "measures/new"))
            }.class("plan-links")
            H2(l("plans.measures"))
            if !m.rows.isEmpty {
                // At a glance: how many measures in each status, and how the monitored ones stand.
                let statuses = MeasureStatus.allCases.compactMap { s -> String? in
                    let n = m.rows.filter { $0.measure.status == s }.count
                    return n == 0 ? nil : "\(text.status(s)): \(n)"
                }
                let standings = TargetProgress.Standing.allCases.compactMap { s -> String? in
                    let n = m.rows.filter { $0.monitored && $0.standing == s }.count
                    return n == 0 ? nil : "\(text.standing(s)): \(n)"
                }
                Paragraph((statuses + standings).joined(separator: " · ")).class("plan-glance")
            }
            if m.rows.isEmpty {
                Paragraph(l("plans.no-measures"))
            } else {
                ScrollRegion(label: l("plans.measures")) {
                    Table(caption: TableCaption(l("plans.overview-caption")), header: TableRow {
                        for key in ["plans.col.number", "plans.col.measure", "plans.col.responsible", "plans.col.status", "plans.col.version", "plans.col.positions", "plans.col.on-track"] {
                            TableHeaderCell(l(key))
                        }
                    }) {
                        for row in m.rows {
                            let measure = row.measure
                            let counts = measure.positionCounts()
                            TableRow {
                                TableCell(String(measure.number)).class("number")
                                TableCell { Link(measure.current.title.text(in: l.language), url: SiteURL.measure(measure.id)) }
                                TableCell(text.organization(measure.current.responsibleOrganizationID))
                                TableCell { text.statusBadge(measure.status) }
                                TableCell(String(measure.currentVersion)).class("number")
                                TableCell(MeasurePosition.Stance.allCases.compactMap { s in counts[s].map { "\(text.stance(s)): \($0)" } }.joined(separator: "; "))
                                TableCell {
                                    if row.monitored { text.standingBadge(row.standing) } else { Text(l("measures.standing.not-monitored")) }
                                }
                            }
                        }
                    }.class("data plan-overview")
                }
            }
            H2(l("measures.meeting.title"))
            if m.meetings.isEmpty {
                Paragraph(l("measures.meeting.none"))
            } else {
                List(m.meetings) { meeting in
                    ListItem {
                        Text("\(meeting.date) · ")
                        Link(meeting.title, url: SiteURL.meeting(meeting.id))
                        Text(" (\(l("measures.meeting.kind.\(meeting.kind.rawValue)")))")
                    }
                }.class("meetings")
            }
            meetingForm(m, page: page, text: text)
        }
    }

    static func meetingForm(_ m: Model, page: PageContext, text: MeasureText) -> Component {
        let l = page.l
        return El("details", [("class", "card meeting-form")]) {
            El("summary") { Text(l("measures.meeting.new")) }
            Form(url: SiteURL.planPart(m.plan.id, "meetings"), method: .post) {
                CSRFField(token: page.csrf)
                SelectField(label: l("measures.meeting.form.kind"), name: "kind", options: Meeting.Kind.allCases.map { ($0.rawValue, l("measures.meeting.kind.\($0.rawValue)")) }, form: "meeting")
                Field(label: l("measures.meeting.form.title"), name: "title", required: true, form: "meeting")
                Field(label: l("measures.meeting.form.date"), name: "date", type: "date", required: true, form: "meeting")
                El("fieldset") {
                    El("legend") { Text(l("measures.meeting.form.participants")) }
                    for org in text.organizations.values.sorted(by: { $0.slug < $1.slug }) {
                        Div {
                            El("input", [("type", "checkbox"), ("id", "org-\(org.id.text)"), ("name", "org-\(org.id.text)"), ("value", "on")])
                            El("label", [("for", "org-\(org.id.text)")]) { Text(org.name(in: l.language)) }
                        }.class("check")
                    }
                }
                if !m.rows.isEmpty {
                    El("fieldset") {
                        El("legend") { Text(l("measures.meeting.form.measures")) }
                        for row in m.rows {
                            Div {
                                El("input", [("type", "checkbox"), ("id", "measure-\(row.measure.id.text)"), ("name", "measure-\(row.measure.id.text)"), ("value", "on")])
                                El("label", [("for", "measure-\(row.measure.id.text)")]) { Text("\(row.measure.number). \(row.measure.current.title.text(in: l.language))") }
                            }.class("check")
                        }
                    }
                }
                TextAreaField(label: l("measures.meeting.form.notes"), name: "notes", rows: 3, form: "meeting")
                El("button", [("type", "submit")]) { Text(l("measures.meeting.form.record")) }
            }
        }
    }
}

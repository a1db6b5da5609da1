import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// `/app/plans/{id}/document`: the plan as its final document, in the chosen language, ready to print (the print
/// stylesheet drops the navigation and forms): each measure that is not dropped with its text, responsible and
/// contributing organizations, timeline and evidence table. `/app/plans/{id}/changelog`: what changed between two
/// dates, measure by measure, each version's changed fields and its diff.
enum PlanDocumentPage {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let service = MeasureService(services: services)
        router.get(RouterPath(SiteURL.plans + "/:id/document")) { request, context in
            _ = try context.requireIdentity()
            let plan = try await service.plan(try context.uuidParameter("id", what: "The action plan"))
            let page = context.page(request)
            // `?at=` shows the plan as it stood at the end of that day: each measure's version and status then.
            let at = try request.uri.queryParameters["at"].map(String.init).nonBlank.map { try CalendarDay(parsing: $0, field: "at") }
            let moment = at.map { $0.start.addingTimeInterval(86_400 - 0.001) } ?? services.now()
            let measures: [Stated] = try await service.repository.measures(plan: plan.id).compactMap { m in
                guard let version = m.version(at: moment), let status = m.status(at: moment), status != .dropped else { return nil }
                return Stated(measure: m, version: version, status: status)
            }
            let html = document(plan, measures: measures, at: at ?? services.today, page: page,
                                text: try await MeasureText.load(page.l, services: services), services: services)
            // `?download=true`: the same document as a file to send or archive, stylesheet included.
            if request.uri.queryParameters["download"] == "true" {
                return HTMLResponse.download(html, filename: "action-plan-\(Hex.uuid(plan.id).prefix(8))-\(at ?? services.today)-\(page.l.language).html")
            }
            return HTMLResponse.page(html)
        }
        router.get(RouterPath(SiteURL.plans + "/:id/changelog")) { request, context in
            _ = try context.requireIdentity()
            let plan = try await service.plan(try context.uuidParameter("id", what: "The action plan"))
            let (from, to) = try MeasuresController.changelogRange(request, services: services)
            let measures = try await service.repository.measures(plan: plan.id)
            let page = context.page(request)
            let q = request.uri.queryParameters
            return HTMLResponse.page(changelog(plan, log: PlanChangelog(measures, from: from, to: to), measures: measures,
                                               meetings: try await service.repository.meetings(plan: plan.id),
                                               range: (q["from"].map(String.init) ?? "", q["to"].map(String.init) ?? ""), page: page,
                                               text: try await MeasureText.load(page.l, services: services)))
        }
    }

    /// A measure as it stood at the document's moment.
    struct Stated {
        var measure: Measure
        var version: MeasureVersion
        var status: MeasureStatus
    }

    static func document(_ plan: ActionPlan, measures: [Stated], at: CalendarDay, page: PageContext, text: MeasureText, services: AppServices) -> String {
        let l = page.l
        return PageShell(title: plan.title.text(in: l.language), page: page, current: SiteURL.plans).render {
            El("article", [("class", "plan-document")]) {
                if plan.demo { Paragraph(l("plans.demo-note")).class("notice notice-info") }
                Paragraph(l("plans.period", ["start": plan.start.description, "end": plan.end.description])).class("lead")
                if !plan.summary.isEmpty { Paragraph(plan.summary.text(in: l.language)) }
                Paragraph(l("plans.document.as-of", ["date": at.description])).class("hint")
                Form(url: SiteURL.planPart(plan.id, "document"), method: .get) {
                    Field(label: l("plans.document.at"), name: "at", type: "date", value: at.description, form: "document")
                    El("button", [("type", "submit")]) { Text(l("plans.document.show")) }
                }.class("date-pick filters no-print")
                Paragraph(l("plans.document.print")).class("no-print hint")
                Paragraph {
                    Link(l("plans.document.download"), url: SiteURL.planPart(plan.id, "document") + "?at=\(at)&download=true")
                }.class("no-print")
                H2(l("plans.document.contents"))
                El("ol", [("class", "toc")]) {
                    for s in measures { El("li") { El("a", [("href", "#measure-\(s.measure.number)")]) { Text(s.version.content.title.text(in: l.language)) } } }
                }
                for s in measures {
                    let m = s.measure, c = s.version.content
                    El("section", [("id", "measure-\(m.number)"), ("class", "document-measure")]) {
                        H2("\(m.number). \(c.title.text(in: l.language))")
                        Paragraph(l("plans.document.meta", ["status": text.status(s.status), "version": String(s.version.number),
                                                            "responsible": text.organization(c.responsibleOrganizationID),
                                                            "start": c.start?.description ?? "…", "end": c.end?.description ?? "…"])).class("hint")
                        if !c.contributingOrganizationIDs.isEmpty {
                            Paragraph(l("measures.contributing") + ": " + c.contributingOrganizationIDs.map(text.organization).joined(separator: "; ")).class("hint")
                        }
                        if !c.problem.isEmpty { H3(l("measures.problem")); Paragraph(c.problem.text(in: l.language)) }
                        El("div", [("class", "measure-text")]) { Text(c.text.text(in: l.language)) }
                        if !c.indicators.isEmpty || !c.legalActs.isEmpty || c.simulationID != nil {
                            Table(caption: TableCaption(l("measures.evidence")), header: TableRow {
                                TableHeaderCell(l("plans.document.evidence-kind")); TableHeaderCell(l("plans.document.evidence-what"))
                                TableHeaderCell(l("measures.col.baseline")); TableHeaderCell(l("measures.col.target")); TableHeaderCell(l("measures.col.target-date"))
                            }) {
                                for t in c.indicators {
                                    let share = services.indicators.catalog.indicator(t.indicatorId)?.measure == .proportion
                                    TableRow {
                                        TableCell(l("measures.col.indicator"))
                                        TableCell(text.indicator(t.indicatorId, services: services) + (t.breakdown.map { " (\($0))" } ?? ""))
                                        TableCell(text.percentOrValue(t.baseline, share: share)); TableCell(text.percentOrValue(t.target, share: share))
                                        TableCell(t.targetDate?.description ?? "")
                                    }
                                }
                                if let sim = c.simulationID {
                                    TableRow { TableCell(l("measures.simulation")); TableCell(sim.text); TableCell(""); TableCell(""); TableCell("") }
                                }
                                for act in c.legalActs {
                                    TableRow { TableCell(l("measures.legal-acts")); TableCell(act.title + (act.url.map { " — \($0)" } ?? "")); TableCell(""); TableCell(""); TableCell("") }
                                }
                            }.class("data document-evidence")
                        }
                    }
                }
            }
        }
    }

    static func changelog(_ plan: ActionPlan, log: PlanChangelog, measures: [Measure], meetings: [Meeting], range: (String, String),
                          page: PageContext, text: MeasureText) -> String {
        let l = page.l
        let byID = Dictionary(uniqueKeysWithValues: measures.map { ($0.id, $0) })
        return PageShell(title: l("plans.changelog.title", ["plan": plan.title.text(in: l.language)]), page: page, current: SiteURL.plans).render {
            Paragraph { Link(plan.title.text(in: l.language), url: SiteURL.plan(plan.id)) }.class("breadcrumb")
            Form(url: SiteURL.planPart(plan.id, "changelog"), method: .get) {
                Field(label: l("plans.changelog.from"), name: "from", type: "date", value: range.0, form: "changelog")
                Field(label: l("plans.changelog.to"), name: "to", type: "date", value: range.1, form: "changelog")
                El("button", [("type", "submit")]) { Text(l("plans.changelog.show")) }
            }.class("date-pick filters")
            if log.entries.isEmpty { Paragraph(l("plans.changelog.none")) }
            El("ol", [("class", "changelog")]) {
                for e in log.entries {
                    if let measure = byID[e.measureID] {
                        El("li") {
                            Paragraph {
                                Text("\(CalendarDay(e.at)) · ")
                                Link("\(measure.number). \(measure.current.title.text(in: l.language))", url: SiteURL.measure(measure.id))
                                Text(" · ")
                                switch e.kind {
                                case .proposed: Text(l("plans.changelog.proposed"))
                                case .version: Text(l("plans.changelog.version", ["version": String(e.version ?? 0), "fields": e.changedFields.map(text.field).joined(separator: ", ")]))
                                case .status: Text(l("measures.meeting.status-change", ["from": e.from.map(text.status) ?? "", "to": e.to.map(text.status) ?? ""]))
                                }
                                Text(" · \(text.actor(e.by))")
                                if let id = e.meetingID, let meeting = meetings.first(where: { $0.id == id }) { Text(" · "); Link(meeting.title, url: SiteURL.meeting(id)) }
                            }
                            if e.kind == .version, let v = e.version, let a = measure.version(v - 1), let b = measure.version(v), e.changedFields.contains("text") {
                                DiffView(segments: WordDiff.diff(a.content.text.text(in: l.language), b.content.text.text(in: l.language)), label: text.field("text"))
                            }
                        }
                    }
                }
            }
        }
    }
}

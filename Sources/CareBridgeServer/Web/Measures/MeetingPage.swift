import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// `/app/meetings/{id}`: a seminar or round table: when, who took part, the measures discussed, and what it changed
/// (the versions made, the amendments decided and the status changes recorded at it).
enum MeetingPage {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let service = MeasureService(services: services)
        router.get(RouterPath("/app/meetings/:id")) { request, context in
            _ = try context.requireIdentity()
            let meeting = try await service.meeting(try context.uuidParameter("id", what: "The meeting"))
            let plan = try await service.plan(meeting.planID)
            let measures = try await service.repository.measures(plan: plan.id)
            let page = context.page(request)
            return HTMLResponse.page(view(meeting, plan: plan, measures: measures, page: page, text: try await MeasureText.load(page.l, services: services)))
        }
    }

    static func view(_ meeting: Meeting, plan: ActionPlan, measures: [Measure], page: PageContext, text: MeasureText) -> String {
        let l = page.l
        let byID = Dictionary(uniqueKeysWithValues: measures.map { ($0.id, $0) })
        let outcomes = meeting.outcomes(measures)
        return PageShell(title: meeting.title, page: page, current: SiteURL.plans).render {
            Paragraph { Link(plan.title.text(in: l.language), url: SiteURL.plan(plan.id)) }.class("breadcrumb")
            Paragraph(l("measures.meeting.when", ["kind": l("measures.meeting.kind.\(meeting.kind.rawValue)"), "date": meeting.date.description])).class("lead")
            H2(l("measures.meeting.participants"))
            List(meeting.participantIDs) { ListItem(text.organization($0)) }.class("participants")
            if let notes = meeting.notes { H2(l("measures.meeting.notes")); Paragraph(notes) }
            H2(l("measures.meeting.changed"))
            if outcomes.isEmpty || outcomes.allSatisfy(\.changedNothing) { Paragraph(l("measures.meeting.changed-nothing")) }
            for outcome in outcomes {
                if let measure = byID[outcome.measureID] {
                    El("article", [("class", "meeting-outcome")]) {
                        H3 { Link("\(measure.number). \(measure.current.title.text(in: l.language))", url: SiteURL.measure(measure.id)) }
                        if outcome.changedNothing { Paragraph(l("measures.meeting.discussed-only")).class("hint") }
                        List {
                            for v in outcome.versions {
                                ListItem {
                                    Text(l("measures.meeting.made-version", ["version": String(v.number),
                                                                     "fields": measure.version(v.number - 1).map { v.content.changedFields(from: $0.content).map(text.field).joined(separator: ", ") } ?? ""]))
                                    Text(" ")
                                    Link(l("measures.meeting.see-diff"), url: SiteURL.measure(measure.id) + "?from=\(max(v.number - 1, 1))&to=\(v.number)#history")
                                }
                            }
                            for s in outcome.statusChanges { ListItem(l("measures.meeting.status-change", ["from": text.status(s.from), "to": text.status(s.to)])) }
                            for a in outcome.amendments {
                                ListItem(l("measures.meeting.amendment", ["state": l("measures.amendment.state.\(a.state.rawValue)"), "by": text.organization(a.by.organizationID)]))
                            }
                        }
                    }
                }
            }
        }
    }
}

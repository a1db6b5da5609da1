import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// `/app/plans`: the action plans, newest first, and for platform administrators a form opening a new one.
enum PlansPage {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let service = MeasureService(services: services)
        router.get(RouterPath(SiteURL.plans)) { request, context in
            _ = try context.requireIdentity()
            let plans = try await service.repository.plans(limit: 200, after: nil).items
            return HTMLResponse.page(view(Model(plans: plans), page: context.page(request)))
        }
        router.post(RouterPath(SiteURL.plans)) { request, context in
            let identity = try context.requireIdentity()
            let form = try await request.formFields(context: context)
            let page = context.page(request)
            do {
                func day(_ name: String) throws -> CalendarDay {
                    guard let text = form[name].nonBlank else { throw CareBridgeError.invalid(name, page.l("plans.form.need-\(name)")) }
                    return try CalendarDay(parsing: text, field: name)
                }
                let plan = try ActionPlan(title: [page.l.language: form["title"] ?? ""], summary: form["summary"].nonBlank.map { [page.l.language: $0] } ?? [:],
                                          country: services.configuration.country, start: try day("start"), end: try day("end"),
                                          createdBy: service.actor(identity))
                let created = try await service.createPlan(plan, by: identity, requestID: context.id)
                return HTMLResponse.redirect(SiteURL.plan(created.id))
            } catch let error as CareBridgeError where [.validation, .forbidden].contains(error.kind) {
                let plans = try await service.repository.plans(limit: 200, after: nil).items
                return HTMLResponse.page(view(Model(plans: plans, values: form.values), page: page, notice: Notice(kind: .error, text: error.detail)),
                                         status: Problem.status(for: error.kind))
            }
        }
    }

    struct Model {
        var plans: [ActionPlan]
        var values: [String: String] = [:]
    }

    static func view(_ m: Model, page: PageContext, notice: Notice? = nil) -> String {
        let l = page.l
        let mayCreate = page.identity.map(MeasureService.isPlatformAdmin) ?? false
        return PageShell(title: l("plans.title"), page: page, current: SiteURL.plans, notice: notice).render {
            Paragraph(l("plans.intro")).class("lead")
            if m.plans.isEmpty {
                Paragraph(l("plans.none"))
            } else {
                List(Array(m.plans.reversed())) { plan in
                    ListItem {
                        Link(plan.title.text(in: l.language), url: SiteURL.plan(plan.id))
                        Text(" · \(plan.start) – \(plan.end)")
                        if plan.demo { Text(" "); El("span", [("class", "badge demo")]) { Text(l("plans.demo")) } }
                    }
                }.class("plans")
            }
            if mayCreate {
                El("section", [("class", "card"), ("aria-labelledby", "new-plan-h")]) {
                    El("h2", [("id", "new-plan-h")]) { Text(l("plans.new")) }
                    Form(url: SiteURL.plans, method: .post) {
                        CSRFField(token: page.csrf)
                        Field(label: l("plans.form.title"), name: "title", value: m.values["title"], required: true, form: "plan")
                        TextAreaField(label: l("plans.form.summary"), name: "summary", value: m.values["summary"] ?? "", rows: 3, form: "plan")
                        Field(label: l("plans.form.start"), name: "start", type: "date", value: m.values["start"], required: true, form: "plan")
                        Field(label: l("plans.form.end"), name: "end", type: "date", value: m.values["end"], required: true, form: "plan")
                        El("button", [("type", "submit")]) { Text(l("plans.form.create")) }
                    }
                }
            }
        }
    }
}

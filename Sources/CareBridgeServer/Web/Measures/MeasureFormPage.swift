import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import Plot

/// `/app/plans/{id}/measures/new`: proposing a measure: its words in the page's language, who answers for it, when,
/// and its evidence (a simulation run, up to three indicator targets, up to three legal acts). Shares are typed as
/// percentages and stored as shares.
enum MeasureFormPage {
    static let targetRows = 3, actRows = 3

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let service = MeasureService(services: services)
        router.get(RouterPath(SiteURL.plans + "/:id/measures/new")) { request, context in
            _ = try context.requireIdentity()
            let plan = try await service.plan(try context.uuidParameter("id", what: "The action plan"))
            let page = context.page(request)
            return HTMLResponse.page(view(try await model(plan, values: [:], services: services), page: page, text: try await MeasureText.load(page.l, services: services)))
        }
        router.post(RouterPath(SiteURL.plans + "/:id/measures")) { request, context in
            let identity = try context.requireIdentity()
            let plan = try await service.plan(try context.uuidParameter("id", what: "The action plan"))
            let form = try await request.formFields(context: context)
            let page = context.page(request)
            do {
                let content = try Self.content(form, language: page.l.language, services: services)
                let measure = try await service.propose(plan: plan.id, content, note: form["note"], by: identity, requestID: context.id)
                return HTMLResponse.redirect(SiteURL.measure(measure.id))
            } catch let error as CareBridgeError where [.validation, .forbidden].contains(error.kind) {
                return HTMLResponse.page(view(try await model(plan, values: form.values, services: services), page: page,
                                              text: try await MeasureText.load(page.l, services: services), notice: Notice(kind: .error, text: error.detail)),
                                         status: Problem.status(for: error.kind))
            }
        }
    }

    struct Model {
        var plan: ActionPlan
        var values: [String: String]
        var simulations: [StoredSimulation]
        var indicators: [IndicatorDefinition]
    }

    static func model(_ plan: ActionPlan, values: [String: String], services: AppServices) async throws -> Model {
        Model(plan: plan, values: values, simulations: try await services.simulations.list(limit: 100), indicators: services.indicators.catalog.indicators)
    }

    /// The measure's content from the form; the texts go under the page's language.
    static func content(_ form: FormFields, language: String, services: AppServices) throws -> MeasureContent {
        func text(_ name: String) -> LocalizedText { form[name].nonBlank.map { [language: $0] } ?? [:] }
        guard let responsible = form["responsible"].flatMap(UUID.init(uuidString:)) else {
            throw CareBridgeError.invalid("responsibleOrganizationId", "Choose the organization responsible for the measure.")
        }
        let contributing = form.values.keys.filter { $0.hasPrefix("contrib-") }.compactMap { UUID(uuidString: String($0.dropFirst(8))) }.sorted { $0.uuidString < $1.uuidString }
        var content = MeasureContent(title: text("title"), text: text("text"), problem: text("problem"), responsibleOrganizationID: responsible,
                                     contributingOrganizationIDs: contributing)
        try applyEvidence(form, to: &content, services: services)
        return content
    }

    /// The timeline, simulation run, indicator targets and legal acts from the form's evidence fields.
    static func applyEvidence(_ form: FormFields, to content: inout MeasureContent, services: AppServices) throws {
        func day(_ name: String) throws -> CalendarDay? { try form[name].nonBlank.map { try CalendarDay(parsing: $0, field: name) } }
        var targets: [IndicatorTarget] = []
        for i in 0..<targetRows {
            guard let id = form["indicator-\(i)"].nonBlank else { continue }
            let share = services.indicators.catalog.indicator(id)?.measure == .proportion
            func number(_ name: String) throws -> Double {
                guard let text = form["\(name)-\(i)"].nonBlank, let v = Double(text.replacingOccurrences(of: ",", with: ".")) else {
                    throw CareBridgeError.invalid("indicators[\(targets.count)].\(name)", "Give the \(name) of target \(i + 1) as a number.")
                }
                return share ? v / 100 : v
            }
            targets.append(IndicatorTarget(indicatorId: id, baseline: try number("baseline"), target: try number("target"),
                                           targetDate: try day("targetDate-\(i)"), breakdown: form["breakdown-\(i)"].nonBlank))
        }
        content.indicators = targets
        content.legalActs = (0..<actRows).compactMap { i in form["act-\(i)"].nonBlank.map { LegalAct(title: $0, url: form["act-url-\(i)"].nonBlank) } }
        (content.start, content.end) = (try day("start"), try day("end"))
        content.simulationID = form["simulation"].nonBlank.flatMap(UUID.init(uuidString:))
    }

    /// The evidence fields' values for a content, to prefill a form (shares as percentages).
    static func values(of content: MeasureContent, services: AppServices) -> [String: String] {
        var v: [String: String] = ["start": content.start?.description ?? "", "end": content.end?.description ?? "", "simulation": content.simulationID?.text ?? ""]
        func number(_ x: Double, share: Bool) -> String {
            let value = share ? x * 100 : x
            return value == value.rounded() ? String(Int(value)) : String(value)
        }
        for (i, t) in content.indicators.prefix(targetRows).enumerated() {
            let share = services.indicators.catalog.indicator(t.indicatorId)?.measure == .proportion
            v["indicator-\(i)"] = t.indicatorId
            v["baseline-\(i)"] = number(t.baseline, share: share)
            v["target-\(i)"] = number(t.target, share: share)
            v["targetDate-\(i)"] = t.targetDate?.description ?? ""
            v["breakdown-\(i)"] = t.breakdown ?? ""
        }
        for (i, act) in content.legalActs.prefix(actRows).enumerated() { (v["act-\(i)"], v["act-url-\(i)"]) = (act.title, act.url ?? "") }
        return v
    }

    /// The timeline, simulation, target and legal-act fields, as the proposal and the evidence amendment show them.
    static func evidenceFields(values v: [String: String], simulations: [StoredSimulation], indicators: [IndicatorDefinition], l: Localizer, form: String = "") -> Component {
        ComponentGroup {
            Field(label: l("measures.form.start"), name: "start", type: "date", value: v["start"], form: form)
            Field(label: l("measures.form.end"), name: "end", type: "date", value: v["end"], form: form)
            SelectField(label: l("measures.form.simulation"), name: "simulation",
                        options: [("", l("measures.form.no-simulation"))] + simulations.map { ($0.id.text, "\($0.title) (\($0.onDate))") }, selected: v["simulation"], form: form)
            El("fieldset") {
                El("legend") { Text(l("measures.form.targets")) }
                Paragraph(l("measures.form.targets-hint")).class("hint")
                for i in 0..<targetRows {
                    Div {
                        SelectField(label: l("measures.form.indicator"), name: "indicator-\(i)",
                                    options: [("", l("measures.form.no-indicator"))] + indicators.map { ($0.id, l($0.title)) }, selected: v["indicator-\(i)"], form: form)
                        Field(label: l("measures.form.baseline"), name: "baseline-\(i)", value: v["baseline-\(i)"], form: form)
                        Field(label: l("measures.form.target"), name: "target-\(i)", value: v["target-\(i)"], form: form)
                        Field(label: l("measures.form.target-date"), name: "targetDate-\(i)", type: "date", value: v["targetDate-\(i)"], form: form)
                        Field(label: l("measures.form.breakdown"), name: "breakdown-\(i)", value: v["breakdown-\(i)"],
                              hint: i == 0 ? l("measures.form.breakdown-hint") : nil, form: form)
                    }.class("target-row")
                }
            }
            El("fieldset") {
                El("legend") { Text(l("measures.form.acts")) }
                for i in 0..<actRows {
                    Div {
                        Field(label: l("measures.form.act"), name: "act-\(i)", value: v["act-\(i)"], form: form)
                        Field(label: l("measures.form.act-url"), name: "act-url-\(i)", type: "url", value: v["act-url-\(i)"], form: form)
                    }.class("act-row")
                }
            }
        }
    }

    static func view(_ m: Model, page: PageContext, text: MeasureText, notice: Notice? = nil) -> String {
        let l = page.l
        let v = m.values
        let organizations = text.organizations.values.sorted { $0.slug < $1.slug }
        return PageShell(title: l("measures.new.title"), page: page, current: SiteURL.plans, notice: notice).render {
            Paragraph { Link(m.plan.title.text(in: l.language), url: SiteURL.plan(m.plan.id)) }
            Paragraph(l("measures.new.intro", ["language": l("measures.language")])).class("lead")
            Form(url: SiteURL.planPart(m.plan.id, "measures"), method: .post) {
                CSRFField(token: page.csrf)
                Field(label: l("measures.form.title"), name: "title", value: v["title"], required: true)
                TextAreaField(label: l("measures.form.problem"), name: "problem", value: v["problem"] ?? "", rows: 3)
                TextAreaField(label: l("measures.form.text"), name: "text", value: v["text"] ?? "", rows: 6)
                SelectField(label: l("measures.form.responsible"), name: "responsible",
                            options: [("", l("measures.form.choose"))] + organizations.map { ($0.id.text, $0.name(in: l.language)) }, selected: v["responsible"])
                El("fieldset") {
                    El("legend") { Text(l("measures.form.contributing")) }
                    for org in organizations {
                        Div {
                            El("input", [("type", "checkbox"), ("id", "contrib-\(org.id.text)"), ("name", "contrib-\(org.id.text)"), ("value", "on"),
                                         ("checked", v["contrib-\(org.id.text)"] == nil ? nil : "checked")])
                            El("label", [("for", "contrib-\(org.id.text)")]) { Text(org.name(in: l.language)) }
                        }.class("check")
                    }
                }
                evidenceFields(values: v, simulations: m.simulations, indicators: m.indicators, l: l)
                TextAreaField(label: l("measures.form.note"), name: "note", value: v["note"] ?? "", rows: 2)
                El("button", [("type", "submit")]) { Text(l("measures.form.propose")) }
            }.class("measure-form")
        }
    }
}

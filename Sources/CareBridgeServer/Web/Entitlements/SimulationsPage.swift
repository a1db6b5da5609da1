import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import Plot

/// Policy simulation pages: the form (readings switched, rules switched off or given another outcome, or a whole
/// alternative file), past runs, and one run's result with its breakdowns, small cells hidden, and a CSV download.
enum SimulationsPage {
    static func formView(page: PageContext, services: AppServices, runs: [StoredSimulation], draft: [String: String], notice: Notice?) async throws -> String {
        let l = page.l
        let inForce = try? services.ruleSets.current(services.configuration.country)
        let others = try await services.ruleSets.repository.list().filter { !$0.inForce }
        let today = services.today
        return PageShell(title: l("sim.title"), page: page, current: SiteURL.simulations, notice: notice).render {
            Paragraph(l("sim.intro", ["n": String(SmallCells.threshold)]))
            if let inForce { newForm(inForce, others: others, today: today, page: page, draft: draft) } else { Notice(kind: .error, text: l("navigator.no-ruleset")) }
            pastRuns(runs, l: l)
        }
    }

    static func pastRuns(_ runs: [StoredSimulation], l: Localizer) -> Component {
        Div {
            El("h2") { Text(l("sim.past")) }
            if runs.isEmpty { Paragraph(l("sim.none")) }
            El("ul") {
                for run in runs {
                    El("li") { Link("\(run.title) · \(run.onDate) · \(run.alternativeLabel)", url: SiteURL.simulation(run.id)) }
                }
            }
        }
    }

    static func newForm(_ inForce: RuleSetRegistry.InForce, others: [StoredRuleSet], today: CalendarDay, page: PageContext, draft: [String: String]) -> Component {
        let l = page.l
        let set = inForce.table.ruleSet
        return Form(url: SiteURL.simulations, method: .post) {
            CSRFField(token: page.csrf)
            El("h2") { Text(l("sim.new")) }
            Field(label: l("sim.field.title"), name: "title", value: draft["title"], required: true)
            Field(label: l("sim.field.date"), name: "date", type: "date", value: draft["date"] ?? today.description)
            readings(set, selection: inForce.table.selection, draft: draft, l: l)
            rulesTable(set, draft: draft, l: l)
            if !others.isEmpty {
                SelectField(label: l("sim.stored"), name: "ruleSetId",
                            options: [("", "—")] + others.map { ($0.id.uuidString.lowercased(), "\($0.country) \($0.version) (\($0.fileName))") },
                            selected: draft["ruleSetId"])
            }
            Div {
                El("label", [("for", "f-yaml")]) { Text(l("sim.yaml")) }
                El("textarea", [("id", "f-yaml"), ("name", "yaml"), ("rows", "6")]) { Text(draft["yaml"] ?? "") }
            }.class("field")
            El("button", [("type", "submit")]) { Text(l("sim.run")) }
        }.class("card")
    }

    static func readings(_ set: RuleSet, selection: RuleSet.Selection, draft: [String: String], l: Localizer) -> Component {
        El("fieldset") {
            El("legend") { Text(l("sim.readings")) }
            for choice in set.choices {
                SelectField(label: choice.question[l.language] ?? choice.question["en"] ?? choice.id, name: "choice-\(choice.id)",
                            options: choice.options.map { ($0.name, $0.name) },
                            selected: draft["choice-\(choice.id)"] ?? selection[choice.id] ?? choice.defaultOption)
            }
        }
    }

    static func rulesTable(_ set: RuleSet, draft: [String: String], l: Localizer) -> Component {
        Div { Table(caption: TableCaption(l("sim.rules")),
                    header: TableRow { TableHeaderCell("✓"); TableHeaderCell(l("entitlement.col.why")); TableHeaderCell(l("entitlement.col.outcome")) }) {
            for rule in set.rules { ruleRow(rule, draft: draft, l: l) }
        }.class("data") }.class("table-scroll")
    }

    static func ruleRow(_ rule: Rule, draft: [String: String], l: Localizer) -> Component {
        let keep = "\(l("sim.keep")): \(NavigatorPage.outcome(rule.outcome, l: l))"
        return TableRow {
            TableCell {
                El("input", [("type", "checkbox"), ("name", "on-\(rule.id)"), ("value", "yes"), ("aria-label", rule.id),
                             ("checked", draft.isEmpty || draft["on-\(rule.id)"] == "yes" ? "checked" : nil)])
            }
            TableCell { El("strong") { Text(rule.id) }; Paragraph(rule.text(in: l.language)).class("hint") }
            TableCell {
                El("select", [("name", "outcome-\(rule.id)"), ("aria-label", "\(rule.id): \(l("entitlement.col.outcome"))")]) {
                    El("option", [("value", "")]) { Text(keep) }
                    for kind in OutcomeKind.allCases.reversed() {
                        El("option", [("value", kind.rawValue), ("selected", draft["outcome-\(rule.id)"] == kind.rawValue ? "selected" : nil)]) {
                            Text(l("outcome.\(kind.rawValue)"))
                        }
                    }
                }
            }
        }
    }

    /// The API request the form describes.
    static func simulationRequest(from form: [String: String], set: RuleSet, selection: RuleSet.Selection) -> SimulationService.Request {
        let date = form["date"].nonBlank.flatMap { try? CalendarDay(parsing: $0, field: "date") }
        if let id = form["ruleSetId"].nonBlank.flatMap(UUID.init(uuidString:)) {
            return .init(title: form["title"] ?? "", date: date, alternative: .init(ruleSetId: id))
        }
        if let yaml = form["yaml"].nonBlank {
            return .init(title: form["title"] ?? "", date: date, alternative: .init(yaml: yaml, fileName: "alternative.yaml"))
        }
        var changes = RuleSetChanges()
        let readings = set.choices.compactMap { choice -> (String, String)? in
            guard let chosen = form["choice-\(choice.id)"], chosen != (selection[choice.id] ?? choice.defaultOption) else { return nil }
            return (choice.id, chosen)
        }
        changes.selection = readings.isEmpty ? nil : Dictionary(uniqueKeysWithValues: readings)
        let off = set.rules.filter { form["on-\($0.id)"] != "yes" }.map(\.id)
        changes.disabledRules = off.isEmpty ? nil : off
        var edits: [String: RuleSetChanges.Edit] = [:]
        for rule in set.rules {
            if let outcome = form["outcome-\(rule.id)"].nonBlank, outcome != rule.outcome.kind.rawValue {
                edits[rule.id] = .init(outcome: outcome, price: outcome == "paid" ? rule.outcome.price : nil)
            }
        }
        changes.edits = edits.isEmpty ? nil : edits
        return .init(title: form["title"] ?? "", date: date, alternative: .init(changes: changes))
    }

    static func resultView(_ body: SimulationBody, page: PageContext) -> String {
        let l = page.l
        func n(_ v: Int?) -> String { v.map { l.number($0) } ?? l("sim.hidden", ["n": String(body.suppressedBelow)]) }
        return PageShell(title: body.title, page: page, current: SiteURL.simulations).render {
            Paragraph(l("sim.people", ["people": l.number(body.people), "date": body.date.description, "alternative": body.alternative]))
            Paragraph { Link(l("sim.csv"), url: SiteURL.simulation(body.id) + "/csv") }
            Div { Table(caption: TableCaption(body.title),
                        header: TableRow { for key in ["sim.col.care", "sim.col.free-before", "sim.col.free-after", "sim.col.gained", "sim.col.lost"] { TableHeaderCell(l(key)) } }) {
                for c in body.care {
                    TableRow {
                        TableCell(l("care.\(c.care)")); TableCell(n(c.before["free"] ?? nil)); TableCell(n(c.after["free"] ?? nil))
                        TableCell(n(c.gained)); TableCell(n(c.lost))
                    }
                }
            }.class("data") }.class("table-scroll")
            for c in body.care where (c.gained ?? 1) > 0 || (c.lost ?? 1) > 0 {
                El("h2") { Text(l("care.\(c.care)")) }
                for (key, cells) in [("sim.by-status", c.byStatus), ("sim.by-citizenship", c.byCitizenship), ("sim.by-region", c.byRegion)] where !cells.isEmpty {
                    Div { Table(caption: TableCaption(l(key)),
                                header: TableRow { TableHeaderCell(l("sim.col.value")); TableHeaderCell(l("sim.col.gained")); TableHeaderCell(l("sim.col.lost")) }) {
                        for cell in cells { TableRow { TableCell(cell.value); TableCell(n(cell.gained)); TableCell(n(cell.lost)) } }
                    }.class("data") }.class("table-scroll")
                }
            }
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let simulations = SimulationService(services: services)
        router.get(RouterPath(SiteURL.simulations)) { request, context in
            try context.requireIdentity().requireAnalysis()
            return HTMLResponse.page(try await formView(page: context.page(request), services: services, runs: try await services.simulations.list(), draft: [:], notice: nil))
        }
        router.post(RouterPath(SiteURL.simulations)) { request, context in
            let identity = try context.requireIdentity()
            try identity.requireAnalysis()
            let form = try await request.formFields(context: context).values
            let inForce = try services.ruleSets.current(services.configuration.country)
            do {
                let stored = try await simulations.run(simulationRequest(from: form, set: inForce.table.ruleSet, selection: inForce.table.selection), by: identity)
                return HTMLResponse.redirect(SiteURL.simulation(stored.id))
            } catch let error as CareBridgeError where [.validation, .notFound].contains(error.kind) {
                return HTMLResponse.page(try await formView(page: context.page(request), services: services, runs: try await services.simulations.list(), draft: form,
                                                  notice: Notice(kind: .error, text: error.detail)), status: .unprocessableContent)
            }
        }
        router.get("/app/simulations/:id") { request, context in
            try context.requireIdentity().requireAnalysis()
            guard let stored = try await services.simulations.find(id: try context.uuidParameter("id", what: "The simulation")) else { throw CareBridgeError.notFound("The simulation") }
            return HTMLResponse.page(resultView(try SimulationBody(stored), page: context.page(request)))
        }
        router.get("/app/simulations/:id/csv") { _, context in
            try context.requireIdentity().requireAnalysis()
            guard let stored = try await services.simulations.find(id: try context.uuidParameter("id", what: "The simulation")) else { throw CareBridgeError.notFound("The simulation") }
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"simulation.csv\""],
                            body: .init(byteBuffer: ByteBuffer(string: try SimulationBody(stored).csv)))
        }
    }
}

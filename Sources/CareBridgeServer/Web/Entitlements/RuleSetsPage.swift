import CareBridgeCore
import CareBridgeStore
import Foundation
import Hummingbird
import Plot

/// Rule sets for staff: which is in force, its decision table, and for platform administrators the readings of
/// conflicting sources, putting another set in force, and uploading a file (refused whole, with file and line).
enum RuleSetsPage {
    static func view(page: PageContext, services: AppServices, shown: StoredRuleSet?, notice: Notice?, draft: String = "") async throws -> String {
        let l = page.l
        let stored = try await services.ruleSets.repository.list()
        let isAdmin = page.identity.map { $0.user.role == .admin && $0.organization.kind == .healthMinistry } ?? false
        let current = shown ?? stored.first { $0.inForce && $0.country == services.configuration.country } ?? stored.first
        let table = current.flatMap { try? services.ruleSets.compile($0.yaml, fileName: $0.fileName, selection: $0.selection) }
        return PageShell(title: l("rules.title"), page: page, current: SiteURL.ruleSets, notice: notice).render {
            Div { Table(caption: TableCaption(l("rules.title")),
                        header: TableRow { TableHeaderCell(l("rules.col.version")); TableHeaderCell(l("rules.col.file")); TableHeaderCell(l("rules.col.uploaded")); TableHeaderCell("") }) {
                for set in stored {
                    TableRow {
                        TableCell { Link("\(set.country) \(set.version)", url: SiteURL.ruleSet(set.id)); if set.inForce { Text(" · " + l("rules.in-force")) } }
                        TableCell(set.fileName); TableCell(l.dateTime(set.uploadedAt))
                        TableCell {
                            if isAdmin && !set.inForce {
                                Form(url: SiteURL.ruleSet(set.id) + "/activate", method: .post) {
                                    CSRFField(token: page.csrf)
                                    El("button", [("type", "submit")]) { Text(l("rules.activate")) }
                                }.class("inline")
                            }
                        }
                    }
                }
            }.class("data") }.class("table-scroll")
            if let current, let table {
                let set = table.ruleSet
                El("h2") { Text("\(set.country) \(set.version): " + (set.title[l.language] ?? set.title["en"] ?? "")) }
                if !set.choices.isEmpty {
                    Form(url: SiteURL.ruleSet(current.id) + "/choices", method: .post) {
                        CSRFField(token: page.csrf)
                        El("h3") { Text(l("rules.choices")) }
                        for choice in set.choices {
                            SelectField(label: choice.question[l.language] ?? choice.question["en"] ?? choice.id, name: "choice-\(choice.id)",
                                        options: choice.options.map { ($0.name, $0.name + ($0.rules.isEmpty ? "" : " (" + $0.rules.joined(separator: ", ") + ")")) },
                                        selected: table.selection[choice.id])
                        }
                        if isAdmin { El("button", [("type", "submit")]) { Text(l("rules.save-choices")) } }
                    }.class("card")
                }
                Div { Table(caption: TableCaption(l("rules.table")),
                            header: TableRow { TableHeaderCell(l("entitlement.col.care")); TableHeaderCell(l("entitlement.col.outcome")); TableHeaderCell("—"); TableHeaderCell(l("entitlement.col.why")) }) {
                    for row in table.rows {
                        TableRow { TableCell(l("care.\(row.care.rawValue)")); TableCell(NavigatorPage.outcome(row.outcome, l: l)); TableCell(row.who); TableCell(row.rules.joined(separator: ", ")) }
                    }
                }.class("data") }.class("table-scroll")
            }
            if isAdmin {
                Form(url: SiteURL.ruleSets, method: .post) {
                    CSRFField(token: page.csrf)
                    El("h2") { Text(l("rules.upload")) }
                    Field(label: l("rules.col.file"), name: "fileName", value: "upload.yaml")
                    Div {
                        El("label", [("for", "f-yaml")]) { Text(l("rules.file")) }
                        El("textarea", [("id", "f-yaml"), ("name", "yaml"), ("rows", "10"), ("required", "required")]) { Text(draft) }
                    }.class("field")
                    Div {
                        El("input", [("type", "checkbox"), ("name", "activate"), ("id", "activate"), ("value", "yes")])
                        El("label", [("for", "activate")]) { Text(l("rules.activate")) }
                    }.class("choice")
                    El("button", [("type", "submit")]) { Text(l("rules.upload")) }
                }.class("card")
            }
        }
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(SiteURL.ruleSets)) { request, context in
            _ = try context.requireIdentity()
            return HTMLResponse.page(try await view(page: context.page(request), services: services, shown: nil, notice: nil))
        }
        router.get("/app/rulesets/:id") { request, context in
            _ = try context.requireIdentity()
            let shown = try await EntitlementsController.load(context, services)
            return HTMLResponse.page(try await view(page: context.page(request), services: services, shown: shown, notice: nil))
        }
        router.post(RouterPath(SiteURL.ruleSets)) { request, context in
            let identity = try context.requirePlatformAdmin()
            let form = try await request.formFields(context: context)
            let l = context.page(request).l
            do {
                let stored = try await services.ruleSets.upload(form["yaml"] ?? "", fileName: form["fileName"].nonBlank ?? "upload.yaml", by: identity.user.id,
                                                                at: services.now(), activate: form["activate"] == "yes", database: services.database)
                try await EntitlementsController.adminAudit(identity, "ruleset.upload", "\(stored.country) \(stored.version)", context, services)
                return HTMLResponse.page(try await view(page: context.page(request), services: services, shown: stored, notice: Notice(kind: .success, text: l("rules.saved"))))
            } catch let error as CareBridgeError where [.validation, .conflict].contains(error.kind) {
                let issues = (error.extensions["issues"].flatMap { try? JSONSerialization.jsonObject(with: $0) as? [[String: Any]] } ?? [])
                    .map { "\($0["file"] ?? ""):\($0["line"] ?? "-"): \($0["reason"] ?? "")" }
                let text = issues.isEmpty ? error.detail : error.detail + " " + issues.joined(separator: " · ")
                return HTMLResponse.page(try await view(page: context.page(request), services: services, shown: nil, notice: Notice(kind: .error, text: text),
                                                        draft: form["yaml"] ?? ""), status: Problem.status(for: error.kind))
            }
        }
        router.post("/app/rulesets/:id/activate") { request, context in
            let identity = try context.requirePlatformAdmin()
            let stored = try await services.ruleSets.activate(try context.uuidParameter("id", what: "The rule set"), database: services.database)
            try await EntitlementsController.adminAudit(identity, "ruleset.activate", "\(stored.country) \(stored.version)", context, services)
            return HTMLResponse.redirect(SiteURL.ruleSet(stored.id))
        }
        router.post("/app/rulesets/:id/choices") { request, context in
            let identity = try context.requirePlatformAdmin()
            let id = try context.uuidParameter("id", what: "The rule set")
            let form = try await request.formFields(context: context)
            var choices: [String: String] = [:]
            for (key, value) in form.values where key.hasPrefix("choice-") { choices[String(key.dropFirst("choice-".count))] = value }
            do {
                let stored = try await services.ruleSets.select(choices, for: id, by: identity.user.id, at: services.now(), database: services.database)
                try await EntitlementsController.adminAudit(identity, "ruleset.select", choices.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","), context, services)
                return HTMLResponse.page(try await view(page: context.page(request), services: services, shown: stored, notice: Notice(kind: .success, text: context.page(request).l("rules.saved"))))
            } catch let error as CareBridgeError where error.kind == .validation {
                return HTMLResponse.page(try await view(page: context.page(request), services: services, shown: nil, notice: Notice(kind: .error, text: error.detail)),
                                         status: .unprocessableContent)
            }
        }
    }
}

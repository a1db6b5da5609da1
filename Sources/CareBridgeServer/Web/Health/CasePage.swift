import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// `/app/cases/{id}`: a notified case (disease, classification and its changes, onset, diagnosis, region), its
/// treatments, its contacts with their follow-up schedules, and the transmission chain around it as SVG with the same
/// edges as a table. Forms add a contact (a registered person or a new one), record a follow-up's outcome and change
/// the classification, through the same HealthService calls as the API. Everything is a health read of the case's
/// person, decided by the access policy.
enum CasePage {
    struct Model {
        var record: HealthRecord
        var report: CaseReport
        var treatments: [HealthRecord]
        var contacts: [HealthRecord]
        var graph: TransmissionGraph
        var labels: HealthPeopleLabels
        var users: [UUID: String]
        var organizations: [UUID: String]
        var today: CalendarDay
        var draft: HealthDraft?
    }

    static func load(_ id: UUID, request: Request, context: AppRequestContext, services: AppServices, draft: HealthDraft?) async throws -> Model {
        let health = HealthService(services: services)
        let record = try await health.caseRecord(id, request: request, context: context)
        guard let report = record.notification else { throw CareBridgeError.notFound("The case") }
        // The case's treatments and contacts are records of the case's person, read under the decision just made.
        let children = try await services.database.read { db in try await services.healthRecords.children(of: [id], kinds: [.treatment, .contact], in: db) }
        let graph = try await health.chain(id, request: request, context: context)
        let contacts = children.filter { $0.kind == .contact }.sorted { ($0.date, $0.recordedAt) < ($1.date, $1.recordedAt) }
        let people = [record.personID] + contacts.compactMap { $0.contact?.personID } + graph.nodes.map(\.personID)
        let labels = try await HealthPeopleLabels.load(people, request: request, context: context, services: services)
        var users: [UUID: String] = [:]
        for userID in Set(([record.recordedBy] + report.history.map(\.by)).compactMap { $0 }) {
            if let user = try await services.users.find(id: userID) { users[userID] = user.value.username }
        }
        let organizations = Dictionary(try await services.organizations.list(limit: 200, after: nil).items.map { ($0.id, $0.name(in: context.language)) },
                                       uniquingKeysWith: { a, _ in a })
        return Model(record: record, report: report, treatments: children.filter { $0.kind == .treatment }.sorted { $0.date < $1.date },
                     contacts: contacts, graph: graph, labels: labels, users: users, organizations: organizations, today: services.today, draft: draft)
    }

    static func view(_ m: Model, page: PageContext, text: HealthText, notice: Notice?) -> String {
        let l = page.l
        let r = m.report
        let person = m.record.personID
        return PageShell(title: l("case.title", ["disease": text.disease(r.disease), "person": m.labels.name(person, l)]), page: page,
                         current: SiteURL.cases, notice: notice).render {
            El("dl", [("class", "facts")]) {
                El("dt") { Text(l("case.person")) }
                El("dd") { Link(m.labels.name(person, l), url: SiteURL.person(person)) }
                for (term, value) in [
                    (l("case.disease"), text.disease(r.disease)),
                    (l("case.icd10"), r.icd10.map { "\($0) \(text.icd10Title($0, stored: text.codes.icd10[$0] ?? ""))" } ?? "—"),
                    (l("case.classification"), text.classification(r.classification)),
                    (l("case.onset"), text.day(r.onset)),
                    (l("case.diagnosed"), r.diagnosedOn.description),
                    (l("case.notified"), m.record.date.description),
                    (l("case.region"), text.region(r.region)),
                    (l("case.notified-by"), [m.record.recordedBy.flatMap { m.users[$0] }, m.organizations[m.record.organizationID]].compactMap { $0 }.joined(separator: " · ")),
                ] {
                    El("dt") { Text(term) }
                    El("dd") { Text(value) }
                }
            }
            classification(m, page: page, text: text)
            treatments(m, page: page, text: text)
            contacts(m, page: page, text: text)
            El("section", [("aria-labelledby", "chain-h"), ("id", "chain")]) {
                El("h2", [("id", "chain-h")]) { Text(l("case.chain")) }
                TransmissionChainView(graph: m.graph, current: person, labels: m.labels, text: text)
            }
        }
    }

    static func values(_ m: Model, _ form: String) -> [String: String] {
        m.draft?.form == form ? m.draft!.values : [:]
    }

    static func classification(_ m: Model, page: PageContext, text: HealthText) -> Component {
        let l = page.l
        let r = m.report
        let typed = values(m, "classification")
        return El("section", [("aria-labelledby", "classification-h")]) {
            El("h2", [("id", "classification-h")]) { Text(l("case.history")) }
            ScrollRegion(label: l("case.history")) { Table(caption: TableCaption(l("case.history")),
                        header: TableRow { TableHeaderCell(l("case.col.classification")); TableHeaderCell(l("case.col.on")); TableHeaderCell(l("case.col.by")) }) {
                // The classification it was notified with, then each change.
                TableRow {
                    TableCell(text.classification(r.history.isEmpty ? r.classification : r.firstClassification ?? r.classification))
                    TableCell(m.record.date.description)
                    TableCell(m.record.recordedBy.flatMap { m.users[$0] } ?? "—")
                }
                for change in r.history {
                    TableRow {
                        TableCell(text.classification(change.classification))
                        TableCell(change.on.description)
                        TableCell(change.by.flatMap { m.users[$0] } ?? "—")
                    }
                }
            }.class("data") }
            El("details", [("class", "health-form"), ("id", "case-form-classification"), ("open", m.draft?.form == "classification" ? "open" : nil)]) {
                El("summary") { Text(l("case.reclassify")) }
                Form(url: SiteURL.healthCasePart(m.record.id, "classification"), method: .post) {
                    CSRFField(token: page.csrf)
                    SelectField(label: l("health.field.classification"), name: "classification",
                                options: CaseClassification.allCases.map { ($0.rawValue, text.classification($0)) },
                                selected: typed["classification"] ?? r.classification.rawValue, form: "cl")
                    Field(label: l("case.field.on"), name: "on", type: "date", value: typed["on"] ?? m.today.description, form: "cl")
                    El("button", [("type", "submit")]) { Text(l("case.reclassify.submit")) }
                }.class("card")
            }
        }
    }

    static func treatments(_ m: Model, page: PageContext, text: HealthText) -> Component {
        let l = page.l
        return El("section", [("aria-labelledby", "treatments-h")]) {
            El("h2", [("id", "treatments-h")]) { Text(l("case.treatments")) }
            if m.treatments.isEmpty {
                Paragraph(l("case.treatments.none"))
            } else {
                ScrollRegion(label: l("case.treatments")) { Table(caption: TableCaption(l("case.treatments")),
                            header: TableRow {
                                TableHeaderCell(l("case.col.started")); TableHeaderCell(l("health.col.disease")); TableHeaderCell(l("health.field.resistance"))
                                TableHeaderCell(l("health.field.regimen")); TableHeaderCell(l("health.field.outcome")); TableHeaderCell(l("case.col.facility"))
                            }) {
                    for record in m.treatments {
                        if let t = record.treatment {
                            TableRow {
                                TableCell(t.startedOn.description)
                                TableCell(text.disease(t.disease))
                                TableCell(t.resistance.map(text.resistance) ?? "—")
                                TableCell(t.regimen ?? "—")
                                TableCell(t.outcome.map { o in l("record.result-on", ["result": text.outcome(o), "date": text.day(t.outcomeOn)]) } ?? l("record.status.ongoing"))
                                TableCell(m.organizations[t.treatingOrganizationID] ?? Hex.uuid(t.treatingOrganizationID))
                            }
                        }
                    }
                }.class("data") }
            }
            Paragraph(l("case.treatments.hint")).class("hint")
        }
    }

    static func contacts(_ m: Model, page: PageContext, text: HealthText) -> Component {
        let l = page.l
        return El("section", [("aria-labelledby", "contacts-h"), ("id", "contacts")]) {
            El("h2", [("id", "contacts-h")]) { Text(l("case.contacts")) }
            if m.contacts.isEmpty { Paragraph(l("case.contacts.none")) }
            for record in m.contacts {
                if let c = record.contact {
                    let formName = "followup-\(Hex.uuid(record.id))"
                    let typed = values(m, formName)
                    let open = c.followUps.indices.filter { c.followUps[$0].doneOn == nil }
                    El("article", [("class", "card contact"), ("aria-labelledby", "contact-\(Hex.uuid(record.id))")]) {
                        El("h3", [("id", "contact-\(Hex.uuid(record.id))")]) { Link(m.labels.name(c.personID, l), url: SiteURL.person(c.personID)) }
                        Paragraph(l("case.contact-line", [
                            "exposure": text.exposure(c.exposure),
                            "from": c.exposedFrom?.description ?? c.lastExposure.description, "last": c.lastExposure.description,
                            "status": l("follow-up-status.\(c.status(on: m.today).rawValue)"),
                        ]))
                        ScrollRegion(label: l("case.follow-ups", ["name": m.labels.name(c.personID, l)])) { Table(caption: TableCaption(l("case.follow-ups", ["name": m.labels.name(c.personID, l)])),
                                    header: TableRow {
                                        TableHeaderCell(l("case.col.due")); TableHeaderCell(l("case.col.done")); TableHeaderCell(l("health.field.outcome"))
                                        TableHeaderCell(l("case.col.note"))
                                    }) {
                            for followUp in c.followUps {
                                TableRow {
                                    TableCell(followUp.due.description)
                                    TableCell(text.day(followUp.doneOn))
                                    TableCell(followUp.outcome.map(text.followUpOutcome) ?? (followUp.due <= m.today ? l("follow-up-status.due") : l("follow-up-status.scheduled")))
                                    TableCell(followUp.note ?? "")
                                }
                            }
                        }.class("data follow-ups") }
                        if !open.isEmpty {
                            El("details", [("class", "health-form"), ("open", m.draft?.form == formName ? "open" : nil)]) {
                                El("summary") { Text(l("case.follow-up.record")) }
                                Form(url: SiteURL.healthCasePart(m.record.id, "follow-ups"), method: .post) {
                                    CSRFField(token: page.csrf)
                                    El("input", [("type", "hidden"), ("name", "record"), ("value", Hex.uuid(record.id))])
                                    SelectField(label: l("case.field.follow-up"), name: "index",
                                                options: open.map { (String($0), c.followUps[$0].due.description) }, selected: typed["index"], form: formName)
                                    SelectField(label: l("health.field.outcome"), name: "outcome",
                                                options: Contact.FollowUpOutcome.allCases.map { ($0.rawValue, text.followUpOutcome($0)) },
                                                selected: typed["outcome"], form: formName)
                                    Field(label: l("case.field.done-on"), name: "doneOn", type: "date", value: typed["doneOn"] ?? m.today.description, form: formName)
                                    Field(label: l("case.col.note"), name: "note", value: typed["note"], autocomplete: "off", form: formName)
                                    El("button", [("type", "submit")]) { Text(l("case.follow-up.submit")) }
                                }.class("follow-up-form")
                            }
                        }
                    }
                }
            }
            addContactForm(m, page: page, text: text)
        }
    }

    static func addContactForm(_ m: Model, page: PageContext, text: HealthText) -> Component {
        let l = page.l
        let typed = values(m, "contact")
        return Form(url: SiteURL.healthCasePart(m.record.id, "contacts"), method: .post) {
            CSRFField(token: page.csrf)
            El("h3") { Text(l("case.add-contact")) }
            SelectField(label: l("case.field.exposure"), name: "exposure", options: Contact.Exposure.allCases.map { ($0.rawValue, text.exposure($0)) },
                        selected: typed["exposure"], form: "ct")
            Field(label: l("case.field.exposed-from"), name: "exposedFrom", type: "date", value: typed["exposedFrom"], form: "ct")
            Field(label: l("case.field.last-exposure"), name: "lastExposure", type: "date", value: typed["lastExposure"] ?? m.today.description, required: true, form: "ct")
            El("fieldset") {
                El("legend") { Text(l("case.legend.registered")) }
                Field(label: l("case.field.person"), name: "personId", value: typed["personId"], hint: l("case.field.person-hint"), autocomplete: "off", form: "ct")
            }
            El("fieldset") {
                El("legend") { Text(l("case.legend.new")) }
                Field(label: l("person.field.given"), name: "givenName", value: typed["givenName"], autocomplete: "off", form: "ct")
                Field(label: l("person.field.family"), name: "familyName", value: typed["familyName"], autocomplete: "off", form: "ct")
                Field(label: l("people.search.birth-year"), name: "birthYear", type: "number", value: typed["birthYear"], form: "ct")
                Div {
                    El("input", [("type", "checkbox"), ("id", "f-ct-registerDespiteMatches"), ("name", "registerDespiteMatches"),
                                 ("checked", typed["registerDespiteMatches"] == "on" ? "checked" : nil)])
                    El("label", [("for", "f-ct-registerDespiteMatches")]) { Text(l("people.register-anyway")) }
                }.class("field check")
            }
            El("button", [("type", "submit")]) { Text(l("case.add-contact.submit")) }
        }.class("card add-contact")
    }

    // MARK: routes

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let health = HealthService(services: services)
        router.get("/app/cases/:id") { request, context in
            try await show(try caseID(context, services: services), request: request, context: context, services: services, notice: nil)
        }
        /// Each form posts here; after success the case page is shown again by redirect, after a refusal with its reason and the form as typed.
        func post(_ part: String, anchor: String, _ action: @escaping @Sendable (UUID, FormFields, Request, AppRequestContext) async throws -> Void,
                  draft name: @escaping @Sendable (FormFields) -> String) {
            router.post(RouterPath("/app/cases/:id/\(part)")) { request, context in
                let id = try caseID(context, services: services)
                let form = try await request.formFields(context: context)
                do {
                    try await action(id, form, request, context)
                    return HTMLResponse.redirect(SiteURL.healthCase(id) + "#\(anchor)")
                } catch let error as CareBridgeError where [.validation, .conflict, .notFound, .badRequest].contains(error.kind) {
                    let draft = HealthDraft(form: name(form), values: form.values.filter { $0.key != "_csrf" })
                    return try await show(id, request: request, context: context, services: services, notice: Notice(kind: .error, text: error.detail),
                                          status: Problem.status(for: error.kind), draft: draft)
                }
            }
        }
        post("contacts", anchor: "contacts", { id, form, request, context in
            try await health.addContact(to: id, try contactInput(form, services: services), request: request, context: context)
        }, draft: { _ in "contact" })
        post("follow-ups", anchor: "contacts", { _, form, request, context in
            let record = try PersonHealthRoutes.chosenRecord(form, what: "contact")
            guard let index = PersonHealthRoutes.value(form, "index").flatMap(Int.init) else { throw CareBridgeError.invalid("index", "Choose the follow-up.") }
            try await health.followUp(record, index: index, FollowUpInput(doneOn: PersonHealthRoutes.value(form, "doneOn"), outcome: PersonHealthRoutes.value(form, "outcome") ?? "",
                                                                          note: PersonHealthRoutes.value(form, "note")),
                                      expectedVersion: nil, request: request, context: context)
        }, draft: { form in "followup-\(form["record"] ?? "")" })
        post("classification", anchor: "classification-h", { id, form, request, context in
            try await health.reclassify(id, ClassificationInput(classification: PersonHealthRoutes.value(form, "classification") ?? "", on: PersonHealthRoutes.value(form, "on")),
                                        expectedVersion: nil, request: request, context: context)
        }, draft: { _ in "classification" })
    }

    static func caseID(_ context: AppRequestContext) throws -> UUID {
        _ = try context.requireIdentity()
        return try context.uuidParameter("id", what: "The case")
    }

    /// The case's id, for a role that may read health data at all (so nothing on the forms, such as whether a typed
    /// code belongs to someone, is looked up for a role that never may).
    static func caseID(_ context: AppRequestContext, services: AppServices) throws -> UUID {
        try PersonHealth.requireHealthRole(context, services: services)
        return try caseID(context)
    }

    /// The API's contact input from the form: a registered person by id or printed code, or a new person's names and year of birth.
    static func contactInput(_ form: FormFields, services: AppServices) async throws -> ContactInput {
        let v = { (name: String) in PersonHealthRoutes.value(form, name) }
        var personID: String?
        if let typed = v("personId") {
            if UUID(uuidString: typed) != nil {
                personID = typed
            } else if let code = PersonCode.canonical(typed), let id = try await services.people.id(code: code) {
                personID = Hex.uuid(id)
            } else {
                throw CareBridgeError.invalid("personId", "'\(typed)' is neither a person's id nor the code of a registered person (such as CB-7K9Q-2MX4).")
            }
        }
        var person: PersonInput?
        if personID == nil, v("givenName") != nil || v("familyName") != nil || v("birthYear") != nil {
            guard let given = v("givenName"), let family = v("familyName") else {
                throw CareBridgeError.invalid(v("givenName") == nil ? "givenName" : "familyName", "A new contact needs a given name and a family name.")
            }
            var input = PersonInput(givenName: given, familyName: family)
            if let year = v("birthYear") {
                guard let number = Int(year) else { throw CareBridgeError.invalid("birthYear", "birthYear '\(year)' is not a year.") }
                input.birthYear = number
            }
            input.registerDespiteMatches = form["registerDespiteMatches"] == "on"
            person = input
        }
        return ContactInput(personId: personID, person: person, exposure: v("exposure") ?? "", exposedFrom: v("exposedFrom"), lastExposure: v("lastExposure") ?? "")
    }

    static func show(_ id: UUID, request: Request, context: AppRequestContext, services: AppServices, notice: Notice?,
                     status: HTTPResponse.Status = .ok, draft: HealthDraft? = nil) async throws -> Response {
        let model = try await load(id, request: request, context: context, services: services, draft: draft)
        let page = context.page(request)
        return HTMLResponse.page(view(model, page: page, text: HealthText(l: page.l, countries: services.countries, codes: services.health.codes), notice: notice),
                                 status: status)
    }
}

import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// The person page's forms that add to the health record. Each posts to `/app/people/{id}/health/{form}` with the same
/// field names as the API's JSON, becomes the same input (`HealthRecordInput`, `ResultInput`, `OutcomeInput`) and goes
/// through the same HealthService call as `/api/v1/...`; a refusal shows the page again with the form open and filled in.
struct HealthForms: Component {
    static let names = ["test", "result", "diagnosis", "immunization", "case", "treatment", "outcome"]

    var personID: UUID
    var personRegion: String?
    var model: PersonHealth.Model
    var page: PageContext
    var text: HealthText
    var reference: HealthReference
    var countries: CountryTable

    /// The LOINC and local procedure codes the screening rules name for a condition.
    static func ruleCodes(condition: ScreeningCondition, parameters: ScreeningParameters) -> [String] {
        var seen = Set<String>()
        return parameters.rules.filter { $0.condition == condition }.flatMap { $0.loinc + ($0.procedure.map { [$0] } ?? []) }
            .filter { seen.insert($0).inserted }
    }

    func values(_ form: String) -> [String: String] {
        if let draft = model.draft, draft.form == form { return draft.values }
        return [:]
    }

    var body: Component {
        let l = page.l
        return ComponentGroup {
            El("h3", [("id", "health-add-h")]) { Text(l("health.add")) }
            testForm
            resultForm
            diagnosisForm
            immunizationForm
            caseForm
            treatmentForm
            outcomeForm
        }
    }

    /// One form in a disclosure (open when it is the one that was refused).
    func form(_ name: String, @ComponentBuilder _ content: @escaping () -> Component) -> Component {
        let l = page.l
        return El("details", [("class", "health-form"), ("id", "health-form-\(name)"), ("open", model.draft?.form == name ? "open" : nil)]) {
            El("summary") { Text(l("health.form.\(name)")) }
            Form(url: SiteURL.personPart(personID, "health/\(name)"), method: .post) {
                CSRFField(token: page.csrf)
                content()
                El("button", [("type", "submit")]) { Text(l("health.submit.\(name)")) }
            }.class("card health-\(name)")
        }
    }

    func field(_ form: String, _ label: String, _ name: String, type: String = "text", value: String? = nil, required: Bool = false,
               hint: String? = nil) -> Field {
        let typed = values(form)[name]
        // Free text is not remembered by the browser (clinical data); dates and numbers take no autocomplete at all.
        return Field(label: label, name: name, type: type, value: typed ?? value, required: required, hint: hint,
                     autocomplete: type == "text" ? "off" : nil, form: "h\(form)")
    }

    func select(_ form: String, _ label: String, _ name: String, _ options: [(value: String, label: String)], selected: String? = nil) -> SelectField {
        SelectField(label: label, name: name, options: options, selected: values(form)[name] ?? selected, form: "h\(form)")
    }

    var today: String { model.today.description }
    var diseases: [(value: String, label: String)] { Disease.allCases.map { ($0.rawValue, text.disease($0)) } }
    var none: (value: String, label: String) { ("", "—") }

    var testForm: Component {
        let l = page.l
        let chosen = values("test")["code"]
        let parameters = reference.parameters
        return form("test") {
            Div {
                El("label", [("for", "f-htest-code")]) { Text(l("health.field.test")) }
                El("select", [("id", "f-htest-code"), ("name", "code")]) {
                    for condition in ScreeningCondition.allCases {
                        let codes = Self.ruleCodes(condition: condition, parameters: parameters)
                        if !codes.isEmpty {
                            El("optgroup", [("label", text.condition(condition))]) {
                                for code in codes {
                                    El("option", [("value", code), ("selected", code == chosen ? "selected" : nil)]) {
                                        Text("\(code) — \(reference.codes.tests[code]?.display ?? code)")
                                    }
                                }
                            }
                        }
                    }
                }
            }.class("field")
            field("test", l("health.field.other-code"), "otherCode", hint: l("health.field.other-code-hint"))
            field("test", l("health.field.ordered-on"), "date", type: "date", value: today)
        }
    }

    var resultForm: Component {
        let l = page.l
        let open = model.records.filter { $0.kind == .test && $0.test?.result == nil }
        return form("result") {
            if open.isEmpty {
                Paragraph(l("health.result.none")).class("hint")
            }
            select("result", l("health.field.ordered-test"), "record", open.map { record in
                (Hex.uuid(record.id), "\(record.date) · \(record.test?.code ?? "") \(record.test?.display ?? "")")
            })
            select("result", l("health.field.interpretation"), "interpretation", [none] + LabTest.Interpretation.allCases.map { ($0.rawValue, text.interpretation($0)) })
            field("result", l("health.field.value"), "value", hint: l("health.field.value-hint"))
            field("result", l("health.field.unit"), "unit")
            field("result", l("health.field.resulted-on"), "resultedOn", type: "date", value: today)
        }
    }

    var diagnosisForm: Component {
        let l = page.l
        return form("diagnosis") {
            field("diagnosis", l("health.field.icd10"), "code", required: true, hint: l("health.field.icd10-hint"))
            field("diagnosis", l("health.field.onset"), "onset", type: "date")
            field("diagnosis", l("health.field.diagnosed-on"), "date", type: "date", value: today)
        }
    }

    var immunizationForm: Component {
        let l = page.l
        return form("immunization") {
            field("immunization", l("health.field.cvx"), "code", required: true, hint: l("health.field.cvx-hint"))
            field("immunization", l("health.field.dose"), "doseNumber", type: "number")
            field("immunization", l("health.field.lot"), "lot")
            field("immunization", l("health.field.given-on"), "date", type: "date", value: today)
        }
    }

    var caseForm: Component {
        let l = page.l
        let regions = countries.regions.values.sorted { $0.code < $1.code }.map { ($0.code, $0.name(language: l.language)) }
        return form("case") {
            select("case", l("health.field.disease"), "disease", diseases)
            field("case", l("health.field.icd10-optional"), "code", hint: l("health.field.icd10-hint"))
            select("case", l("health.field.classification"), "classification", CaseClassification.allCases.map { ($0.rawValue, text.classification($0)) })
            select("case", l("health.field.region"), "region", regions, selected: personRegion)
            field("case", l("health.field.onset"), "onset", type: "date")
            field("case", l("health.field.diagnosed-on"), "diagnosedOn", type: "date", value: today)
            field("case", l("health.field.notified-on"), "date", type: "date", value: today)
        }
    }

    var treatmentForm: Component {
        let l = page.l
        let cases = model.records.filter { $0.kind == .notification }
        return form("treatment") {
            select("treatment", l("health.field.disease"), "disease", diseases)
            select("treatment", l("health.field.case"), "caseId", [none] + cases.map { record in
                (Hex.uuid(record.id), "\(record.date) · \(record.notification.map { text.disease($0.disease) + ", " + text.classification($0.classification) } ?? "")")
            })
            select("treatment", l("health.field.resistance"), "resistance", [none] + DrugResistance.allCases.map { ($0.rawValue, text.resistance($0)) })
            field("treatment", l("health.field.regimen"), "regimen")
            field("treatment", l("health.field.started-on"), "date", type: "date", value: today)
        }
    }

    var outcomeForm: Component {
        let l = page.l
        let ongoing = model.records.filter { $0.kind == .treatment && $0.treatment?.outcome == nil }
        return form("outcome") {
            if ongoing.isEmpty {
                Paragraph(l("health.outcome.none")).class("hint")
            }
            select("outcome", l("health.field.treatment"), "record", ongoing.map { record in
                (Hex.uuid(record.id), "\(record.treatment?.startedOn ?? record.date) · \(record.treatment.map { text.disease($0.disease) } ?? "")")
            })
            select("outcome", l("health.field.outcome"), "outcome", TreatmentOutcome.allCases.map { ($0.rawValue, text.outcome($0)) })
            field("outcome", l("health.field.outcome-on"), "outcomeOn", type: "date", value: today)
        }
    }
}

/// The routes the forms post to.
enum PersonHealthRoutes {
    /// A posted form's value, trimmed; nil when left empty (an optional field).
    static func value(_ form: FormFields, _ name: String) -> String? {
        form[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    static func number(_ form: FormFields, _ name: String) throws -> Double? {
        guard let text = value(form, name) else { return nil }
        guard let number = Double(text.replacingOccurrences(of: ",", with: ".")) else {
            throw CareBridgeError.invalid(name, "\(name) '\(text)' is not a number.")
        }
        return number
    }

    /// The API input a record form amounts to (the fields are named as in the JSON body).
    static func recordInput(_ form: FormFields, kind: String) throws -> HealthRecordInput {
        var input = HealthRecordInput(kind: kind)
        input.date = value(form, "date")
        input.code = value(form, "otherCode") ?? value(form, "code")
        input.onset = value(form, "onset")
        input.lot = value(form, "lot")
        if let dose = value(form, "doseNumber") {
            guard let number = Int(dose) else { throw CareBridgeError.invalid("doseNumber", "doseNumber '\(dose)' is not a whole number.") }
            input.doseNumber = number
        }
        input.disease = value(form, "disease")
        input.classification = value(form, "classification")
        input.diagnosedOn = value(form, "diagnosedOn")
        input.region = value(form, "region")
        input.caseId = value(form, "caseId")
        input.regimen = value(form, "regimen")
        input.resistance = value(form, "resistance")
        return input
    }

    static func chosenRecord(_ form: FormFields, what: String) throws -> UUID {
        guard let id = value(form, "record").flatMap(UUID.init(uuidString:)) else { throw CareBridgeError.invalid("record", "Choose the \(what).") }
        return id
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let health = HealthService(services: services)
        router.post("/app/people/:id/health/:form") { request, context in
            let id = try PeopleController.personID(context)
            guard let name = context.parameters.get("form"), HealthForms.names.contains(name) else { throw CareBridgeError.notFound("The form") }
            let form = try await request.formFields(context: context)
            do {
                switch name {
                case "test": try await health.create(try recordInput(form, kind: HealthRecord.Kind.test.rawValue), personID: id, request: request, context: context)
                case "diagnosis", "immunization", "treatment":
                    try await health.create(try recordInput(form, kind: name), personID: id, request: request, context: context)
                case "case": try await health.create(try recordInput(form, kind: HealthRecord.Kind.notification.rawValue), personID: id, request: request, context: context)
                case "result":
                    let record = try chosenRecord(form, what: "ordered test")
                    try await health.result(record, ResultInput(resultedOn: value(form, "resultedOn"), interpretation: value(form, "interpretation"),
                                                                value: try number(form, "value"), unit: value(form, "unit")),
                                            expectedVersion: nil, request: request, context: context)
                default:
                    let record = try chosenRecord(form, what: "treatment")
                    try await health.outcome(record, OutcomeInput(outcome: value(form, "outcome") ?? "", outcomeOn: value(form, "outcomeOn"), resistance: nil),
                                             expectedVersion: nil, request: request, context: context)
                }
                return HTMLResponse.redirect(SiteURL.person(id) + "#health")
            } catch let error as CareBridgeError where [.validation, .conflict, .notFound, .badRequest].contains(error.kind) {
                let draft = HealthDraft(form: name, values: form.values.filter { $0.key != "_csrf" })
                return try await PersonPage.show(id, request: request, context: context, services: services,
                                                 notice: Notice(kind: .error, text: error.detail), status: Problem.status(for: error.kind), healthDraft: draft)
            }
        }
    }
}

import CareBridgeCore
import Foundation
import Plot

/// Legal-status history, insurance and the standing on a chosen day, with the forms that add to them.
struct StatusSection: Component {
    var m: PersonPage.Model
    var statuses: [StatusEpisode]
    var page: PageContext

    var body: Component {
        let l = page.l
        let id = m.person.value.id
        return El("section", [("aria-labelledby", "status-h")]) {
            El("h2", [("id", "status-h")]) { Text(l("person.statuses")) }
            if let standing = m.standing {
                Form(url: SiteURL.person(id), method: .get) {
                    Field(label: l("person.standing-date"), name: "date", type: "date", value: standing.date.description)
                    El("button", [("type", "submit")]) { Text(l("person.standing-show")) }
                }.class("inline")
                Paragraph(l("person.standing", [
                    "date": standing.date.description,
                    "status": standing.status.map { l("status.\($0.status.rawValue)") } ?? l("person.none-recorded"),
                    "insurance": standing.insurance.map { $0.insurer } ?? l("person.none-recorded"),
                ])).class("standing")
            }
            Div { Table(caption: TableCaption(l("person.statuses")),
                        header: TableRow { TableHeaderCell(l("status.col.status")); TableHeaderCell(l("status.col.from")); TableHeaderCell(l("status.col.until")); TableHeaderCell(l("status.col.document")) }) {
                for e in statuses {
                    TableRow {
                        TableCell(l("status.\(e.status.rawValue)") + (e.personID == id ? "" : " (" + l("person.from-merged") + ")"))
                        TableCell(e.validFrom.description); TableCell(e.validUntil?.description ?? l("status.open"))
                        TableCell(e.document.map { "\(l("document.\($0.type.rawValue)")) \($0.number ?? "")" } ?? "—")
                    }
                }
            }.class("data") }.class("table-scroll")
            Form(url: SiteURL.personPart(id, "statuses"), method: .post) {
                CSRFField(token: page.csrf)
                El("h3") { Text(l("person.add-status")) }
                SelectField(label: l("status.col.status"), name: "status", options: LegalStatusKind.allCases.map { ($0.rawValue, l("status.\($0.rawValue)")) })
                Field(label: l("status.col.from"), name: "validFrom", type: "date", required: true, form: "status")
                Field(label: l("status.col.until"), name: "validUntil", type: "date", form: "status")
                SelectField(label: l("status.col.document"), name: "documentType",
                            options: [("", "—")] + DocumentType.allCases.map { ($0.rawValue, l("document.\($0.rawValue)")) })
                Field(label: l("person.field.document-number"), name: "documentNumber", autocomplete: "off", form: "status")
                El("button", [("type", "submit")]) { Text(l("common.add")) }
            }.class("card")
            Div { Table(caption: TableCaption(l("person.insurance")),
                        header: TableRow { TableHeaderCell(l("insurance.insurer")); TableHeaderCell(l("status.col.from")); TableHeaderCell(l("status.col.until")) }) {
                for policy in m.policies {
                    TableRow { TableCell(policy.insurer); TableCell(policy.validFrom.description); TableCell(policy.validUntil?.description ?? l("status.open")) }
                }
            }.class("data") }.class("table-scroll")
            Form(url: SiteURL.personPart(id, "insurance"), method: .post) {
                CSRFField(token: page.csrf)
                El("h3") { Text(l("person.add-insurance")) }
                Field(label: l("insurance.insurer"), name: "insurer", required: true, form: "insurance")
                Field(label: l("insurance.number"), name: "policyNumber", autocomplete: "off", form: "insurance")
                Field(label: l("status.col.from"), name: "validFrom", type: "date", required: true, form: "insurance")
                Field(label: l("status.col.until"), name: "validUntil", type: "date", form: "insurance")
                El("button", [("type", "submit")]) { Text(l("common.add")) }
            }.class("card")
        }
    }
}

/// Consents in force and past, withdrawal, and the form to record a new one.
struct ConsentSection: Component {
    var personID: UUID
    var consents: [Consent]
    var orgName: [UUID: String]
    var organizations: [Organization]
    var page: PageContext
    var now: Date

    var body: Component {
        let l = page.l
        return El("section", [("aria-labelledby", "consent-h")]) {
            El("h2", [("id", "consent-h")]) { Text(l("person.consents")) }
            Div { Table(caption: TableCaption(l("person.consents")),
                        header: TableRow { TableHeaderCell(l("consent.grantee")); TableHeaderCell(l("consent.purposes")); TableHeaderCell(l("consent.categories"))
                            TableHeaderCell(l("consent.state")); TableHeaderCell(l("consent.action")) }) {
                for c in consents {
                    TableRow {
                        switch c.grantee {
                        case .organization(let o): TableCell(orgName[o] ?? Hex.uuid(o))
                        case .organizationKind(let k): TableCell(l("kind.\(k.rawValue)"))
                        }
                        TableCell(c.purposes.map { l("purpose.\($0.rawValue)") }.sorted().joined(separator: ", "))
                        TableCell(c.categories.map { l("category.\($0.rawValue)") }.sorted().joined(separator: ", "))
                        TableCell(c.withdrawnAt.map { l("consent.withdrawn", ["date": l.dateTime($0)]) } ?? l(c.isActive(at: now) ? "consent.active" : "consent.inactive"))
                        TableCell {
                            if c.withdrawnAt == nil {
                                Form(url: SiteURL.personPart(personID, "consents/\(Hex.uuid(c.id))/withdraw"), method: .post) {
                                    CSRFField(token: page.csrf)
                                    El("button", [("type", "submit")]) { Text(l("consent.withdraw")) }
                                }
                            }
                        }
                    }
                }
            }.class("data") }.class("table-scroll")
            Form(url: SiteURL.personPart(personID, "consents"), method: .post) {
                CSRFField(token: page.csrf)
                El("h3") { Text(l("person.add-consent")) }
                SelectField(label: l("consent.grantee"), name: "grantee",
                            options: OrganizationKind.allCases.filter { !$0.isEnforcement }.map { ("kind:\($0.rawValue)", l("kind.\($0.rawValue)")) }
                                + organizations.map { ("org:\(Hex.uuid($0.id))", $0.name(in: l.language)) })
                El("fieldset") {
                    El("legend") { Text(l("consent.purposes")) }
                    for purpose in [PurposeOfUse.treatment, .careCoordination, .publicHealth] {
                        Div {
                            El("input", [("type", "checkbox"), ("id", "p-\(purpose.rawValue)"), ("name", "purpose-\(purpose.rawValue)")])
                            El("label", [("for", "p-\(purpose.rawValue)")]) { Text(l("purpose.\(purpose.rawValue)")) }
                        }.class("field check")
                    }
                }
                El("fieldset") {
                    El("legend") { Text(l("consent.categories")) }
                    for category in DataCategory.allCases where category != .aggregate {
                        Div {
                            El("input", [("type", "checkbox"), ("id", "c-\(category.rawValue)"), ("name", "category-\(category.rawValue)")])
                            El("label", [("for", "c-\(category.rawValue)")]) { Text(l("category.\(category.rawValue)")) }
                        }.class("field check")
                    }
                }
                Field(label: l("consent.until"), name: "validUntil", type: "date", form: "consent")
                Field(label: l("consent.language"), name: "language", value: l.language, hint: l("consent.language-hint"), form: "consent")
                El("button", [("type", "submit")]) { Text(l("consent.record")) }
            }.class("card")
        }
    }
}

import CareBridgeCore
import Foundation
import Plot

/// The fields of a person, shared by the register and edit pages, and their reading back from a posted form.
struct PersonForm: Component {
    var values: [String: String]
    var page: PageContext
    var countries: CountryTable
    var showContact: Bool

    static func values(_ p: Person) -> [String: String] {
        var v: [String: String] = [
            "givenName": p.primaryName.given, "familyName": p.primaryName.family, "patronymic": p.primaryName.patronymic ?? "",
            "sex": p.sex?.rawValue ?? "", "birthDate": p.birthDate?.description ?? "", "citizenship": p.citizenship ?? "",
            "countryOfBirth": p.countryOfBirth ?? "", "arrival": p.arrival?.description ?? "", "languages": p.languages.joined(separator: ", "),
            "interpreterNeeded": p.interpreterNeeded ? "on" : "", "region": p.region ?? "",
            "phone": p.contact?.phone ?? "", "email": p.contact?.email ?? "", "address": p.contact?.address ?? "",
        ]
        if p.names.count > 1 { (v["otherGivenName"], v["otherFamilyName"]) = (p.names[1].given, p.names[1].family) }
        if let d = p.documents.first { (v["documentType"], v["documentCountry"], v["documentNumber"]) = (d.type.rawValue, d.issuingCountry, d.number) }
        return v
    }

    /// The API input a posted form amounts to; `existing` keeps what the form does not show (further spellings and documents).
    static func input(_ form: FormFields, existing: Person?, showContact: Bool) -> PersonInput {
        func v(_ key: String) -> String? { form[key].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) } }
        var others = existing.map { Array($0.names.dropFirst()) } ?? []
        if let given = v("otherGivenName"), let family = v("otherFamilyName") {
            let spelling = PersonName(given: given, family: family)
            if others.isEmpty { others = [spelling] } else { others[0] = spelling }
        } else if !others.isEmpty {
            others.removeFirst()
        }
        var documents = existing.map { Array($0.documents.dropFirst()) } ?? []
        if let number = v("documentNumber") {
            documents.insert(IdentityDocument(type: DocumentType(rawValue: v("documentType") ?? "") ?? .passport, issuingCountry: v("documentCountry") ?? "", number: number), at: 0)
        }
        return PersonInput(
            givenName: form["givenName"] ?? "", familyName: form["familyName"] ?? "", patronymic: v("patronymic"), nameScript: nil,
            otherNames: others.map { PersonBody.Name(givenName: $0.given, familyName: $0.family, patronymic: $0.patronymic, script: $0.script) },
            sex: v("sex").flatMap(Sex.init(rawValue:)), birthDate: v("birthDate"), birthYear: nil, citizenship: v("citizenship"),
            countryOfBirth: v("countryOfBirth"), arrival: v("arrival"),
            languages: v("languages")?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            interpreterNeeded: form["interpreterNeeded"] == "on", region: v("region"),
            contact: showContact ? ContactDetails(phone: v("phone"), email: v("email"), address: v("address")) : nil,
            documents: documents.map { PersonInput.DocumentInput(type: $0.type.rawValue, issuingCountry: $0.issuingCountry, number: $0.number) },
            registerDespiteMatches: form["registerDespiteMatches"] == "on")
    }

    var body: Component {
        let l = page.l
        let countryOptions = [("", "—")] + countries.countries.keys.map { ($0, countries.name(of: $0, language: l.language)) }.sorted { $0.1 < $1.1 }
        let regionOptions = [("", "—")] + countries.regions.values.sorted { $0.code < $1.code }.map { ($0.code, $0.name(language: l.language)) }
        return ComponentGroup {
            El("fieldset") {
                El("legend") { Text(l("person.legend.name")) }
                Field(label: l("person.field.given"), name: "givenName", value: values["givenName"], required: true, autocomplete: "off")
                Field(label: l("person.field.family"), name: "familyName", value: values["familyName"], required: true, autocomplete: "off")
                Field(label: l("person.field.patronymic"), name: "patronymic", value: values["patronymic"], autocomplete: "off")
                Field(label: l("person.field.other-given"), name: "otherGivenName", value: values["otherGivenName"], hint: l("person.field.other-hint"), autocomplete: "off")
                Field(label: l("person.field.other-family"), name: "otherFamilyName", value: values["otherFamilyName"], autocomplete: "off")
            }
            El("fieldset") {
                El("legend") { Text(l("person.legend.about")) }
                SelectField(label: l("person.field.sex"), name: "sex",
                            options: [("", "—")] + Sex.allCases.map { ($0.rawValue, l("sex.\($0.rawValue)")) }, selected: values["sex"])
                Field(label: l("person.field.birth"), name: "birthDate", value: values["birthDate"], hint: l("person.field.birth-hint"))
                SelectField(label: l("person.field.citizenship"), name: "citizenship", options: countryOptions, selected: values["citizenship"])
                SelectField(label: l("person.field.country-of-birth"), name: "countryOfBirth", options: countryOptions, selected: values["countryOfBirth"])
                Field(label: l("person.field.arrival"), name: "arrival", value: values["arrival"], hint: l("person.field.arrival-hint"))
                Field(label: l("person.field.languages"), name: "languages", value: values["languages"], hint: l("person.field.languages-hint"))
                Div {
                    El("input", [("type", "checkbox"), ("id", "f-interpreterNeeded"), ("name", "interpreterNeeded"),
                                 ("checked", values["interpreterNeeded"] == "on" ? "checked" : nil)])
                    El("label", [("for", "f-interpreterNeeded")]) { Text(l("person.field.interpreter")) }
                }.class("field check")
                SelectField(label: l("person.field.region"), name: "region", options: regionOptions, selected: values["region"])
            }
            if showContact {
                El("fieldset") {
                    El("legend") { Text(l("person.legend.contact")) }
                    Field(label: l("person.field.phone"), name: "phone", type: "tel", value: values["phone"])
                    Field(label: l("person.field.email"), name: "email", type: "email", value: values["email"])
                    Field(label: l("person.field.address"), name: "address", value: values["address"], autocomplete: "off")
                }
            }
            El("fieldset") {
                El("legend") { Text(l("person.legend.document")) }
                SelectField(label: l("person.field.document-type"), name: "documentType",
                            options: DocumentType.allCases.map { ($0.rawValue, l("document.\($0.rawValue)")) }, selected: values["documentType"])
                SelectField(label: l("person.field.document-country"), name: "documentCountry", options: countryOptions, selected: values["documentCountry"])
                Field(label: l("person.field.document-number"), name: "documentNumber", value: values["documentNumber"], autocomplete: "off")
            }
        }
    }
}

import CareBridgeCore
import Foundation
import Plot

/// The fields of a directory service as staff edit it, their values from a stored service, and the API input a posted
/// form amounts to (so the page saves through the same ServiceEditing as `/api/v1/services`). One place is edited: an
/// existing location of the organization or a new one; further places and fields the form does not show are kept.
struct ServiceForm: Component {
    var values: [String: String]
    var locations: [DirectoryLocation]
    var regions: [(code: String, name: String)]
    var page: PageContext

    static let newLocation = "new"

    static func values(_ s: DirectoryService, language: String) -> [String: String] {
        var v: [String: String] = [
            "name": s.name(in: language), "description": s.description(in: language) ?? "", "languages": s.languages.joined(separator: ", "),
            "status": s.status.rawValue, "cost": s.cost.rawValue, "eligibility": s.eligibility ?? "",
            "requiredDocuments": s.requiredDocuments.joined(separator: "\n"), "locationId": s.locations.first.map { Hex.uuid($0.locationID) } ?? newLocation,
        ]
        for category in s.categories { v["category-\(category.rawValue)"] = "on" }
        for hours in s.locations.first?.hours ?? [] {
            for day in hours.days { (v["opens-\(day.rawValue)"], v["closes-\(day.rawValue)"]) = (OpeningHours.text(hours.opens), OpeningHours.text(hours.closes)) }
        }
        return v
    }

    /// The input for `/api/v1/services` that the form amounts to; `existing` keeps names in other languages, the kinds of
    /// care, contacts and the further places.
    static func input(_ form: FormFields, organizationID: UUID, existing: DirectoryService?, language: String) -> ServiceInput {
        func v(_ key: String) -> String? { form[key].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.nonBlank }
        func list(_ key: String, separators: Set<Character>) -> [String] {
            (form[key] ?? "").split(whereSeparator: { separators.contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var names = existing?.names ?? [:]
        names[language] = form["name"] ?? ""
        var descriptions = existing?.descriptions ?? [:]
        descriptions[language] = v("description")
        // Days with the same hours become one group, as HSDS schedules are written.
        var groups: [(opens: String, closes: String, days: [String])] = []
        for day in Weekday.allCases {
            guard let opens = v("opens-\(day.rawValue)"), let closes = v("closes-\(day.rawValue)") else { continue }
            if let index = groups.firstIndex(where: { $0.opens == opens && $0.closes == closes }) { groups[index].days.append(day.rawValue) }
            else { groups.append((opens, closes, [day.rawValue])) }
        }
        let hours = groups.map { HoursBody(days: $0.days, opens: $0.opens, closes: $0.closes) }
        var place = ServiceInput.Place(locationId: nil, name: nil, address: nil, city: nil, region: nil, latitude: nil, longitude: nil, hours: hours)
        if let chosen = v("locationId"), chosen != newLocation {
            place.locationId = UUID(uuidString: chosen)
        } else {
            (place.name, place.address, place.city, place.region) = (v("locationName"), v("address"), v("city"), v("region"))
            (place.latitude, place.longitude) = (v("latitude").flatMap(Double.init), v("longitude").flatMap(Double.init))
        }
        let others = (existing?.locations.dropFirst() ?? []).map { p in
            ServiceInput.Place(locationId: p.locationID, name: nil, address: nil, city: nil, region: nil, latitude: nil, longitude: nil,
                               hours: p.hours.map { HoursBody(days: $0.days.map(\.rawValue), opens: OpeningHours.text($0.opens), closes: OpeningHours.text($0.closes)) })
        }
        return ServiceInput(
            organizationId: organizationID, names: names, descriptions: descriptions.compactMapValues { $0 }, status: v("status"),
            categories: ServiceCategory.allCases.filter { form["category-\($0.rawValue)"] == "on" }.map(\.rawValue),
            care: existing?.care.map(\.rawValue), cost: v("cost"), languages: list("languages", separators: [",", " "]),
            interpretation: existing?.interpretation, eligibility: v("eligibility"), fees: existing?.fees, minimumAge: existing?.minimumAge,
            maximumAge: existing?.maximumAge, requiredDocuments: list("requiredDocuments", separators: ["\n", "\r"]), phones: existing?.phones,
            email: existing?.email, url: existing?.url, locations: [place] + others)
    }

    var body: Component {
        let l = page.l
        var locationOptions: [(value: String, label: String)] = []
        for location in locations {
            let name = location.names[l.language] ?? location.names["en"] ?? location.names.values.sorted().first ?? ""
            let parts: [String] = [name, location.address?.line ?? "", location.address?.city ?? ""]
            locationOptions.append((Hex.uuid(location.id), parts.filter { !$0.isEmpty }.joined(separator: ", ")))
        }
        locationOptions.append((Self.newLocation, l("service.location.new")))
        return ComponentGroup {
            El("input", [("type", "hidden"), ("name", "language"), ("value", l.language)])
            El("fieldset") {
                El("legend") { Text(l("service.legend.about")) }
                Field(label: l("service.field.name", ["language": l.locale.localizedString(forIdentifier: l.language) ?? l.language]), name: "name",
                      value: values["name"], required: true)
                Div {
                    El("label", [("for", "f-description")]) { Text(l("service.field.description")) }
                    El("textarea", [("id", "f-description"), ("name", "description"), ("rows", "3")]) { Text(values["description"] ?? "") }
                }.class("field")
                SelectField(label: l("service.field.status"), name: "status",
                            options: ServiceStatus.allCases.map { ($0.rawValue, l("service.status.\($0.rawValue.replacingOccurrences(of: " ", with: "-"))")) },
                            selected: values["status"])
                SelectField(label: l("service.field.cost"), name: "cost", options: CostPolicy.allCases.map { ($0.rawValue, l("service.cost.\($0.rawValue)")) },
                            selected: values["cost"])
                Field(label: l("service.field.languages"), name: "languages", value: values["languages"], hint: l("service.field.languages-hint"))
                Field(label: l("service.field.eligibility"), name: "eligibility", value: values["eligibility"])
                Div {
                    El("label", [("for", "f-requiredDocuments")]) { Text(l("service.field.documents")) }
                    El("textarea", [("id", "f-requiredDocuments"), ("name", "requiredDocuments"), ("rows", "3"), ("aria-describedby", "h-requiredDocuments")]) {
                        Text(values["requiredDocuments"] ?? "")
                    }
                    Paragraph(l("service.field.documents-hint")).class("hint").id("h-requiredDocuments")
                }.class("field")
            }
            El("fieldset") {
                El("legend") { Text(l("service.field.categories")) }
                for category in ServiceCategory.allCases {
                    Div {
                        El("input", [("type", "checkbox"), ("id", "sc-\(category.rawValue)"), ("name", "category-\(category.rawValue)"),
                                     ("checked", values["category-\(category.rawValue)"] == "on" ? "checked" : nil)])
                        El("label", [("for", "sc-\(category.rawValue)")]) { Text(l("category.\(category.rawValue)")) }
                    }.class("field check")
                }
            }
            El("fieldset") {
                El("legend") { Text(l("service.legend.location")) }
                SelectField(label: l("service.field.location"), name: "locationId", options: locationOptions, selected: values["locationId"])
                Paragraph(l("service.location.new-hint")).class("hint")
                Field(label: l("service.field.location-name"), name: "locationName", value: values["locationName"])
                Field(label: l("service.field.address"), name: "address", value: values["address"])
                Field(label: l("service.field.city"), name: "city", value: values["city"])
                SelectField(label: l("person.field.region"), name: "region", options: [("", "—")] + regions.map { ($0.code, $0.name) }, selected: values["region"])
                Field(label: l("service.field.latitude"), name: "latitude", value: values["latitude"])
                Field(label: l("service.field.longitude"), name: "longitude", value: values["longitude"])
            }
            El("fieldset") {
                El("legend") { Text(l("directory.hours")) }
                Paragraph(l("service.hours-hint")).class("hint")
                for day in Weekday.allCases {
                    Div {
                        Field(label: l("service.opens", ["day": l("weekday.\(day.rawValue)")]), name: "opens-\(day.rawValue)", type: "time", value: values["opens-\(day.rawValue)"])
                        Field(label: l("service.closes", ["day": l("weekday.\(day.rawValue)")]), name: "closes-\(day.rawValue)", type: "time", value: values["closes-\(day.rawValue)"])
                    }.class("hours-day")
                }
            }
        }
    }
}

import Foundation

/// The International Patient Summary (HL7 IPS, http://hl7.org/fhir/uv/ips/) of one person as a FHIR document Bundle:
/// a Composition with the IPS sections (problems, allergies, medications required; immunizations, results and past
/// illnesses where there is data), then every resource the sections and references name, so the document reads
/// whole wherever it travels. Section text is generated in the language of `labels` (the person's).
public struct PatientSummary: Sendable {
    /// Section titles and table headings in one language, looked up by the caller from the UI catalogues.
    public struct Labels: Sendable {
        public var language: String
        public var title: String
        public var problems: String, allergies: String, medications: String, immunizations: String, results: String, pastIllness: String
        public var date: String, item: String, detail: String
        public var none: String, allergiesNotRecorded: String
        public init(language: String, _ text: (String) -> String) {
            self.language = language
            title = text("ips.title")
            (problems, allergies, medications) = (text("ips.problems"), text("ips.allergies"), text("ips.medications"))
            (immunizations, results, pastIllness) = (text("ips.immunizations"), text("ips.results"), text("ips.past-illness"))
            (date, item, detail) = (text("ips.col.date"), text("ips.col.item"), text("ips.col.detail"))
            (none, allergiesNotRecorded) = (text("ips.none"), text("ips.allergies-not-recorded"))
        }
    }

    /// One section: its LOINC code and the records it lists.
    public struct Section: Sendable {
        public var code: String, display: String, title: String
        public var records: [HealthRecord]
        public var emptyText: String
    }

    public var person: Person
    public var contactShown: Bool
    public var records: [HealthRecord]
    public var author: Organization
    public var organizations: [UUID: Organization]
    public var labels: Labels
    public var now: Date
    public var base: String

    public init(person: Person, contactShown: Bool, records: [HealthRecord], author: Organization, organizations: [UUID: Organization],
                labels: Labels, now: Date, base: String) {
        (self.person, self.contactShown, self.records, self.author, self.organizations) = (person, contactShown, records, author, organizations)
        (self.labels, self.now, self.base) = (labels, now, base)
    }

    /// The sections in IPS order; problems hold active diagnoses and notified cases, past illness resolved diagnoses.
    public var sections: [Section] {
        let sorted = records.sorted { ($0.date, $0.recordedAt) > ($1.date, $1.recordedAt) }
        func of(_ keep: (HealthRecord) -> Bool) -> [HealthRecord] { sorted.filter(keep) }
        let active = of { $0.kind == .notification || ($0.kind == .diagnosis && $0.diagnosis?.resolvedOn == nil) }
        return [
            Section(code: "11450-4", display: "Problem list - Reported", title: labels.problems, records: active, emptyText: labels.none),
            Section(code: "48765-2", display: "Allergies and adverse reactions Document", title: labels.allergies, records: [], emptyText: labels.allergiesNotRecorded),
            Section(code: "10160-0", display: "History of Medication use Narrative", title: labels.medications, records: of { $0.kind == .treatment }, emptyText: labels.none),
            Section(code: "11369-6", display: "History of Immunization Narrative", title: labels.immunizations, records: of { $0.kind == .immunization }, emptyText: labels.none),
            Section(code: "30954-2", display: "Relevant diagnostic tests/laboratory data Narrative", title: labels.results,
                    records: of { $0.kind == .test && $0.test?.result != nil }, emptyText: labels.none),
            Section(code: "11348-0", display: "History of Past illness Narrative", title: labels.pastIllness,
                    records: of { $0.kind == .diagnosis && $0.diagnosis?.resolvedOn != nil }, emptyText: labels.none),
        ].filter { !$0.records.isEmpty || ["11450-4", "48765-2", "10160-0"].contains($0.code) }
    }

    /// A row of a section's table: date, what, and the detail (result, status, dose).
    public static func row(_ record: HealthRecord) -> (date: String, item: String, detail: String) {
        switch record.kind {
        case .diagnosis:
            let d = record.diagnosis!
            return ((d.onset ?? record.date).description, "\(d.display) (\(d.icd10))", d.resolvedOn.map { "resolved \($0)" } ?? "active")
        case .notification:
            let c = record.notification!
            return (c.diagnosedOn.description, [c.disease.rawValue, c.icd10.map { "(\($0))" }].compactMap(\.self).joined(separator: " "), c.classification.rawValue)
        case .treatment:
            let t = record.treatment!
            let detail = [t.resistance?.rawValue, t.outcome.map { "\($0.rawValue) \(t.outcomeOn.map(\.description) ?? "")" } ?? "ongoing"].compactMap(\.self)
            return (t.startedOn.description, t.regimen ?? "\(t.disease.rawValue) treatment", detail.joined(separator: ", "))
        case .immunization:
            let i = record.immunization!
            return (record.date.description, "\(i.display) (\(i.vaccine))", i.doseNumber.map { "dose \($0)" } ?? "")
        case .test:
            let t = record.test!, r = t.result
            let value = r.map { r in [r.value.map { v in "\(v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)) \(r.unit ?? "")".trimmed }, r.interpretation?.rawValue].compactMap(\.self).joined(separator: ", ") }
            return ((r?.resultedOn ?? record.date).description, "\(t.display) (\(t.code))", value ?? "")
        case .assessment, .contact, .alert:
            return (record.date.description, record.kind.rawValue, "")
        }
    }

    func narrative(_ section: Section) -> JSON {
        guard !section.records.isEmpty else { return FHIR.narrative("<p>\(FHIR.escape(section.emptyText))</p>") }
        let head = "<thead><tr><th>\(FHIR.escape(labels.date))</th><th>\(FHIR.escape(labels.item))</th><th>\(FHIR.escape(labels.detail))</th></tr></thead>"
        let rows = section.records.map { record -> String in
            let r = Self.row(record)
            return "<tr><td>\(FHIR.escape(r.date))</td><td>\(FHIR.escape(r.item))</td><td>\(FHIR.escape(r.detail))</td></tr>"
        }.joined()
        return FHIR.narrative("<table>\(head)<tbody>\(rows)</tbody></table>")
    }

    /// The document Bundle.
    public func bundle(id: UUID = UUID()) -> JSON {
        let sections = sections
        var included: [JSON] = []
        var seen = Set<String>()
        func include(_ resource: JSON) {
            let key = "\(resource["resourceType"]?.string ?? "")/\(resource["id"]?.string ?? "")"
            if seen.insert(key).inserted { included.append(resource) }
        }
        let patient = FHIR.patient(person, version: nil, contactShown: contactShown)
        var sectionJSON: [JSON] = []
        var entryResources: [JSON] = []
        for section in sections {
            let resources = section.records.compactMap(FHIR.resource(of:))
            entryResources += resources
            var members: [String: JSON] = [
                "title": .string(section.title),
                "code": FHIR.concept(FHIR.coding(FHIR.loinc, section.code, section.display)),
                "text": narrative(section),
            ]
            if resources.isEmpty {
                members["emptyReason"] = FHIR.concept(FHIR.coding(FHIR.listEmptyReason, "unavailable", "Unavailable"), text: section.emptyText)
            } else {
                members["entry"] = .array(resources.map { ["reference": .string("\($0["resourceType"]!.string!)/\($0["id"]!.string!)")] })
            }
            sectionJSON.append(.object(members))
        }
        // A treatment names its case; keep the case in the document even when it is not a listed problem.
        let listed = Set(entryResources.compactMap { $0["id"]?.string })
        for record in records where record.kind == .notification && !listed.contains(record.id.fhirID) {
            if let resource = FHIR.resource(of: record) { entryResources.append(resource) }
        }
        let composition = FHIR.resource("Composition", id: id, [
            "meta": FHIR.meta(lastUpdated: now),
            "language": .string(labels.language),
            "text": FHIR.narrative("<h1>\(FHIR.escape(labels.title))</h1><p>\(FHIR.escape(person.displayName)), \(FHIR.escape(person.birthDate?.description ?? ""))</p>"),
            "status": "final",
            "type": FHIR.concept(FHIR.coding(FHIR.loinc, "60591-5", "Patient summary Document")),
            "subject": FHIR.reference("Patient", person.id, display: person.displayName),
            "date": .string(FHIR.instant(now)),
            "author": [FHIR.reference("Organization", author.id, display: author.name(in: labels.language))],
            "title": .string(labels.title),
            "custodian": FHIR.reference("Organization", author.id),
            "section": .array(sectionJSON),
        ])
        include(composition)
        include(patient)
        for resource in entryResources { include(resource) }
        // Every organization a resource names, so each reference resolves inside the document.
        var organizationIDs: [UUID] = [author.id]
        for resource in included {
            for id in Self.references(in: resource, type: "Organization") where !organizationIDs.contains(id) { organizationIDs.append(id) }
        }
        for id in organizationIDs {
            let organization = organizations[id] ?? Organization(id: id, slug: "unknown", kind: .healthFacility, names: ["en": "Organization \(id.fhirID)"], region: nil, createdAt: now)
            include(FHIR.organization(organization, profile: nil, language: labels.language))
        }
        return FHIR.resource("Bundle", id: id, [
            "meta": FHIR.meta(lastUpdated: now),
            "language": .string(labels.language),
            "identifier": ["system": "urn:ietf:rfc:3986", "value": .string("urn:uuid:\(id.fhirID)")],
            "type": "document",
            "timestamp": .string(FHIR.instant(now)),
            "entry": .array(included.map { ["fullUrl": .string(FHIR.fullURL($0, base: base)), "resource": $0] }),
        ])
    }

    /// The ids of every "Type/id" reference to `type` anywhere in a resource.
    static func references(in value: JSON, type: String) -> [UUID] {
        switch value {
        case .object(let members):
            var found: [UUID] = []
            if let reference = members["reference"]?.string, reference.hasPrefix(type + "/"), let id = UUID(uuidString: String(reference.dropFirst(type.count + 1))) {
                found.append(id)
            }
            return found + members.values.flatMap { references(in: $0, type: type) }
        case .array(let items): return items.flatMap { references(in: $0, type: type) }
        default: return []
        }
    }
}

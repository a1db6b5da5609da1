import Foundation

/// Reads a FHIR Bundle from elsewhere (an IPS document, a transaction or a collection) into what CareBridge stores:
/// the patient's identity, and their immunizations, conditions (as diagnoses) and results. Everything is checked
/// before anything is stored, and every problem is reported with the element it is in (`Bundle.entry[2].resource.
/// code.coding[0].system`): a bundle with any error imports nothing.
public struct FHIRImport: Sendable {
    /// The patient as the bundle gives them, and how they may be found here.
    public struct PatientDraft: Sendable {
        public var person: Person
        /// A CareBridge person code the bundle carries (a summary this server wrote), which finds the person exactly.
        public var personCode: String?
        /// A `Patient/{id}` of this server the bundle's patient claims to be.
        public var localID: UUID?
    }

    public var patient: PatientDraft
    /// Records to add (personID is set by the caller once the person is found or created), each with the FHIR type
    /// it came as.
    public var records: [(entry: Int, type: String, record: HealthRecord)]
    /// The entry the Patient is in, and how many entries the bundle has (a response answers each).
    public var patientEntry: Int
    public var entryCount: Int
    public var source: String
    public var sourceSystem: String?
    public var sourceIdentifier: String?
    /// What was read but not imported (allergies, medications), as information for the response.
    public var notes: [FHIR.Issue]

    /// Resource types whose content is stored, read for context, or recognised but not stored.
    static let stored: Set<String> = ["Patient", "Condition", "Immunization", "Observation"]
    static let context: Set<String> = ["Composition", "Organization", "Practitioner", "PractitionerRole", "Device", "Provenance"]
    static let notStored: Set<String> = ["AllergyIntolerance", "MedicationStatement", "MedicationRequest", "Medication", "Procedure",
                                         "DiagnosticReport", "Encounter", "Specimen", "Flag", "DeviceUseStatement", "ClinicalImpression", "CarePlan"]

    public struct Failure: Error, Sendable {
        public var issues: [FHIR.Issue]
    }

    /// What the importer needs from the server: the code tables, the test a code makes, who imports, today.
    public struct Context: Sendable {
        public var codes: ClinicalCodes
        public var makeTest: @Sendable (ClinicalCodes.Test) -> LabTest
        public var organizationID: UUID
        public var userID: UUID?
        public var now: Date
        public var today: CalendarDay
        public init(codes: ClinicalCodes, makeTest: @escaping @Sendable (ClinicalCodes.Test) -> LabTest, organizationID: UUID, userID: UUID?, now: Date, today: CalendarDay) {
            (self.codes, self.makeTest, self.organizationID, self.userID, self.now, self.today) = (codes, makeTest, organizationID, userID, now, today)
        }
    }

    public init(bundle: JSON, context: Context) throws {
        var issues: [FHIR.Issue] = []
        func fail(_ path: String, _ code: String, _ text: String) { issues.append(FHIR.Issue(code: code, diagnostics: text, expression: path)) }
        guard case .object = bundle, let type = bundle["resourceType"]?.string else {
            throw Failure(issues: [FHIR.Issue(code: "structure", diagnostics: "The body is not a FHIR resource: a JSON object with resourceType is expected.", expression: "resourceType")])
        }
        guard type == "Bundle" else {
            throw Failure(issues: [FHIR.Issue(code: "not-supported", diagnostics: "POST /fhir/r4/ takes a Bundle (an IPS document or a transaction), not a \(type).", expression: "Bundle.resourceType")])
        }
        let bundleType = bundle["type"]?.string ?? ""
        guard ["document", "transaction", "collection"].contains(bundleType) else {
            throw Failure(issues: [FHIR.Issue(code: "not-supported", diagnostics: "Bundle.type '\(bundleType)' is not imported; send a document, transaction or collection.", expression: "Bundle.type")])
        }
        let entries = bundle["entry"]?.array ?? []
        // Where each entry can be found: its fullUrl, and Type/id.
        var addresses: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            if let url = entry["fullUrl"]?.string { addresses[url] = index }
            if let resource = entry["resource"], let t = resource["resourceType"]?.string, let id = resource["id"]?.string { addresses["\(t)/\(id)"] = index }
        }
        func resolve(_ reference: String, from fullURL: String?) -> Int? {
            if let index = addresses[reference] { return index }
            // A relative reference resolves against the base of the entry's fullUrl.
            if let fullURL, let range = fullURL.range(of: "/", options: .backwards) {
                let typeCut = fullURL[..<range.lowerBound].range(of: "/", options: .backwards)
                if let typeCut, let index = addresses[String(fullURL[..<typeCut.lowerBound]) + "/" + reference] { return index }
            }
            return nil
        }

        var patientIndex: Int?
        for (index, entry) in entries.enumerated() {
            let path = "Bundle.entry[\(index)].resource"
            guard let resource = entry["resource"], case .object = resource else { fail(path, "required", "The entry has no resource."); continue }
            guard let t = resource["resourceType"]?.string else { fail(path + ".resourceType", "structure", "The resource has no resourceType."); continue }
            if t == "Patient" {
                if patientIndex != nil { fail(path, "business-rule", "The bundle has more than one Patient; import one person's records at a time.") }
                patientIndex = patientIndex ?? index
            } else if !Self.stored.contains(t) && !Self.context.contains(t) && !Self.notStored.contains(t) {
                fail(path + ".resourceType", "not-supported", "\(t) is not a resource type this server imports (it takes Patient, Condition, Immunization and Observation, and reads Composition, Organization and Practitioner for context).")
            }
            // Every reference in a resource we store must resolve: inside the bundle, or to an absolute URL elsewhere.
            if Self.stored.contains(t) {
                for (refPath, reference) in Self.references(in: resource, path: path) {
                    // Contained resources, entries of the bundle, and absolute URLs elsewhere resolve; nothing else does.
                    if reference.hasPrefix("#") || resolve(reference, from: entry["fullUrl"]?.string) != nil { continue }
                    if reference.hasPrefix("http://") || reference.hasPrefix("https://") { continue }
                    fail(refPath, "not-found", "The reference '\(reference)' resolves to no entry of the bundle.")
                }
            }
        }
        guard let patientIndex, let patientJSON = entries[patientIndex]["resource"] else {
            fail("Bundle.entry", "required", "The bundle has no Patient: there is nobody to file the records under.")
            throw Failure(issues: issues)
        }
        var draft = Self.patient(patientJSON, path: "Bundle.entry[\(patientIndex)].resource", context: context, fail: fail)
        draft.localID = patientJSON["id"]?.string.flatMap(UUID.init(uuidString:))

        // The source: the Composition's author or custodian, else the first Organization, else the bundle itself.
        var source: String?
        var notes: [FHIR.Issue] = []
        var records: [(Int, String, HealthRecord)] = []
        for (index, entry) in entries.enumerated() {
            guard let resource = entry["resource"], let t = resource["resourceType"]?.string else { continue }
            let path = "Bundle.entry[\(index)].resource"
            switch t {
            case "Composition":
                for key in ["custodian", "author"] {
                    let refs = (resource[key]?.array ?? resource[key].map { [$0] } ?? [])
                    for ref in refs {
                        if let display = ref["display"]?.string { source = source ?? display }
                        if let target = ref["reference"]?.string.flatMap({ resolve($0, from: entry["fullUrl"]?.string) }), let name = entries[target]["resource"]?["name"]?.string {
                            source = name
                        }
                    }
                }
            case "Organization":
                if source == nil { source = resource["name"]?.string }
            case "Condition", "Immunization", "Observation":
                let subjectKey = t == "Immunization" ? "patient" : "subject"
                guard let reference = resource[subjectKey]?["reference"]?.string else {
                    fail("\(path).\(subjectKey)", "required", "\(t) names no patient (\(subjectKey).reference)."); continue
                }
                if let target = resolve(reference, from: entry["fullUrl"]?.string), target != patientIndex {
                    fail("\(path).\(subjectKey).reference", "business-rule", "\(t) is about someone other than the bundle's Patient.")
                }
                if let record = Self.record(t, resource, path: path, context: context, fail: fail) { records.append((index, t, record)) }
            default:
                if Self.notStored.contains(t) {
                    notes.append(FHIR.Issue(severity: "information", code: "informational",
                                            diagnostics: "\(t) was read but not imported: CareBridge records it through its own workflow.", expression: path))
                }
            }
        }
        if !issues.isEmpty { throw Failure(issues: issues) }
        patient = draft
        self.records = records
        (patientEntry, entryCount) = (patientIndex, entries.count)
        self.source = source ?? "an unnamed FHIR source"
        let identifier = bundle["identifier"]
        sourceSystem = identifier?["system"]?.string
        sourceIdentifier = identifier?["value"]?.string ?? bundle["id"]?.string
        self.notes = notes
    }

    /// Every `reference` string in a resource, with its element path.
    static func references(in value: JSON, path: String) -> [(String, String)] {
        switch value {
        case .object(let members):
            var found: [(String, String)] = []
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if key == "reference", let text = member.string { found.append((path + ".reference", text)) }
                else if key != "contained" { found += references(in: member, path: path + "." + key) }
            }
            return found
        case .array(let items): return items.enumerated().flatMap { references(in: $1, path: "\(path)[\($0)]") }
        default: return []
        }
    }

    static func day(_ text: String?, path: String, today: CalendarDay, fail: (String, String, String) -> Void) -> CalendarDay? {
        guard let text else { return nil }
        guard let day = try? CalendarDay(parsing: String(text.prefix(10)), field: path) else {
            fail(path, "value", "'\(text)' is not a date (YYYY-MM-DD)."); return nil
        }
        if day > today { fail(path, "value", "\(day) is in the future."); return nil }
        return day
    }

    static func patient(_ json: JSON, path: String, context: Context, fail: (String, String, String) -> Void) -> PatientDraft {
        var names: [PersonName] = []
        for (i, name) in (json["name"]?.array ?? []).enumerated() {
            let given = name["given"]?.array?.compactMap(\.string) ?? []
            guard let family = name["family"]?.string ?? given.dropFirst().last, let first = given.first else {
                fail("\(path).name[\(i)]", "required", "A name needs family and given parts."); continue
            }
            let script = name["extension"]?.array?.first { $0["url"]?.string == FHIR.nameScriptExtension }?["valueCode"]?.string.flatMap(FHIR.script(code:))
                ?? NameScript.detect(family + first)
            names.append(PersonName(given: first, family: family, patronymic: given.count > 1 ? given.dropFirst().joined(separator: " ") : nil, script: script))
        }
        if names.isEmpty { fail("\(path).name", "required", "The Patient has no name this server can file.") }
        var birth: PartialDate?
        if let text = json["birthDate"]?.string {
            birth = try? PartialDate(parsing: text, field: "birthDate")
            if birth == nil { fail("\(path).birthDate", "value", "'\(text)' is not a FHIR date.") }
        }
        let sex = json["gender"]?.string.flatMap(Sex.init(rawValue:))
        if let gender = json["gender"]?.string, sex == nil { fail("\(path).gender", "code-invalid", "'\(gender)' is not male, female, other or unknown.") }
        var citizenship: String?, birthCountry: String?, interpreter = false
        for ext in json["extension"]?.array ?? [] {
            switch ext["url"]?.string {
            case "http://hl7.org/fhir/StructureDefinition/patient-citizenship":
                citizenship = ext["extension"]?.array?.first { $0["url"]?.string == "code" }?["valueCodeableConcept"]?["coding"]?.array?.first?["code"]?.string
            case "http://hl7.org/fhir/StructureDefinition/patient-birthPlace": birthCountry = ext["valueAddress"]?["country"]?.string
            case "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired": interpreter = ext["valueBoolean"] == .bool(true)
            default: break
            }
        }
        var code: String?
        var documents: [IdentityDocument] = []
        for identifier in json["identifier"]?.array ?? [] {
            guard let system = identifier["system"]?.string, let value = identifier["value"]?.string else { continue }
            if system == FHIR.personCodeSystem { code = value }
            else if system.hasPrefix(FHIR.documentSystem + "/") {
                let parts = system.dropFirst(FHIR.documentSystem.count + 1).split(separator: "/")
                if parts.count == 2, let type = DocumentType(rawValue: String(parts[0])) {
                    documents.append(IdentityDocument(type: type, issuingCountry: String(parts[1]), number: value))
                }
            }
        }
        var contact = ContactDetails(phone: nil, email: nil, address: nil)
        for telecom in json["telecom"]?.array ?? [] {
            switch telecom["system"]?.string {
            case "phone": contact.phone = contact.phone ?? telecom["value"]?.string
            case "email": contact.email = contact.email ?? telecom["value"]?.string
            default: break
            }
        }
        let languages = (json["communication"]?.array ?? []).compactMap { $0["language"]?["coding"]?.array?.first?["code"]?.string }
        var person = Person(id: .timeOrdered(at: context.now), code: PersonCode.make(), names: names.isEmpty ? [PersonName(given: "?", family: "?", patronymic: nil, script: .latin)] : names,
                            sex: sex, birthDate: birth, citizenship: citizenship?.uppercased(), countryOfBirth: birthCountry?.uppercased(),
                            arrival: nil, languages: languages, interpreterNeeded: interpreter, region: json["address"]?.array?.first?["state"]?.string,
                            contact: contact.isEmpty ? nil : contact, documents: documents, recordOrganizationID: context.organizationID,
                            createdAt: context.now, updatedAt: context.now)
        person.mergedInto = nil
        return PatientDraft(person: person, personCode: code, localID: nil)
    }

    /// The first coding of a CodeableConcept in one of `systems`; an error naming the element when there is none.
    static func coding(_ concept: JSON?, systems: [String], path: String, what: String, fail: (String, String, String) -> Void) -> (system: String, code: String, display: String?)? {
        let codings = concept?["coding"]?.array ?? []
        if let hit = codings.first(where: { systems.contains($0["system"]?.string ?? "") }), let code = hit["code"]?.string {
            return (hit["system"]!.string!, code, hit["display"]?.string)
        }
        if codings.isEmpty { fail(path, "required", "The \(what) has no coding."); return nil }
        let given = codings.first?["system"]?.string ?? "(none)"
        fail("\(path).coding[0].system", "code-invalid", "The code system '\(given)' is not one this server knows for the \(what); use \(systems.joined(separator: " or ")).")
        return nil
    }

    static func record(_ type: String, _ json: JSON, path: String, context: Context, fail: (String, String, String) -> Void) -> HealthRecord? {
        func base(_ kind: HealthRecord.Kind, _ date: CalendarDay) -> HealthRecord {
            HealthRecord(id: .timeOrdered(at: context.now), personID: UUID(), kind: kind, organizationID: context.organizationID,
                         recordedBy: context.userID, recordedAt: context.now, date: date)
        }
        switch type {
        case "Immunization":
            if let status = json["status"]?.string, status != "completed" { fail("\(path).status", "business-rule", "Only given doses (status completed) are imported, not '\(status)'."); return nil }
            guard let code = coding(json["vaccineCode"], systems: [FHIR.cvx, FHIR.atc], path: "\(path).vaccineCode", what: "vaccine", fail: fail) else { return nil }
            guard let vaccine = try? context.codes.vaccine(code.code, field: "vaccineCode") else {
                fail("\(path).vaccineCode", "code-invalid", "'\(code.code)' is not a \(code.system == FHIR.atc ? "ATC" : "CVX") vaccine code this server knows."); return nil
            }
            guard let day = Self.day(json["occurrenceDateTime"]?.string, path: "\(path).occurrenceDateTime", today: context.today, fail: fail) else {
                if json["occurrenceDateTime"] == nil { fail("\(path).occurrenceDateTime", "required", "The dose needs its date (occurrenceDateTime).") }
                return nil
            }
            var record = base(.immunization, day)
            let dose = json["protocolApplied"]?.array?.first?["doseNumberPositiveInt"]?.number.map { Int($0) }
            record.immunization = Immunization(vaccine: vaccine.code, display: vaccine.display, antigens: vaccine.antigens, doseNumber: dose, lot: json["lotNumber"]?.string)
            return record
        case "Condition":
            guard let code = coding(json["code"], systems: [FHIR.icd10, FHIR.diseaseSystem], path: "\(path).code", what: "condition (ICD-10)", fail: fail) else { return nil }
            var icd = code.code
            if code.system == FHIR.diseaseSystem {
                guard let disease = Disease(rawValue: code.code), let category = disease.icd10Categories.first(where: { context.codes.icd10[$0] != nil }) else {
                    fail("\(path).code", "code-invalid", "'\(code.code)' is not a disease this server knows."); return nil
                }
                icd = category
            }
            guard let normalized = try? context.codes.diagnosis(icd, field: "code") else {
                fail("\(path).code", "code-invalid", "'\(code.code)' is not an ICD-10 code (WHO 2019 edition) this server knows."); return nil
            }
            let onset = Self.day(json["onsetDateTime"]?.string, path: "\(path).onsetDateTime", today: context.today, fail: fail)
            let recorded = Self.day(json["recordedDate"]?.string, path: "\(path).recordedDate", today: context.today, fail: fail)
            var resolved = Self.day(json["abatementDateTime"]?.string, path: "\(path).abatementDateTime", today: context.today, fail: fail)
            let clinical = json["clinicalStatus"]?["coding"]?.array?.first?["code"]?.string
            if resolved == nil, ["resolved", "inactive", "remission"].contains(clinical ?? "") { resolved = recorded ?? onset ?? context.today }
            if let onset, let end = resolved, end < onset { fail("\(path).abatementDateTime", "value", "The condition resolved (\(end)) before its onset (\(onset))."); return nil }
            var record = base(.diagnosis, onset ?? recorded ?? context.today)
            record.diagnosis = Diagnosis(icd10: normalized, display: context.codes.icd10[normalized] ?? code.display ?? normalized, onset: onset, resolvedOn: resolved)
            return record
        case "Observation":
            guard let code = coding(json["code"], systems: [FHIR.loinc, ClinicalCodes.procedureSystem], path: "\(path).code", what: "result (LOINC)", fail: fail) else { return nil }
            guard let test = try? context.codes.test(code.code, field: "code") else {
                fail("\(path).code", "code-invalid", "'\(code.code)' is not a LOINC code this server knows."); return nil
            }
            let status = json["status"]?.string ?? ""
            guard ["final", "amended", "corrected", "preliminary"].contains(status) else {
                fail("\(path).status", "business-rule", "Only results are imported (status final, amended, corrected or preliminary), not '\(status)'."); return nil
            }
            guard let day = Self.day(json["effectiveDateTime"]?.string ?? json["effectivePeriod"]?["start"]?.string ?? json["issued"]?.string,
                                     path: "\(path).effectiveDateTime", today: context.today, fail: fail) else {
                if json["effectiveDateTime"] == nil { fail("\(path).effectiveDateTime", "required", "The result needs its date (effectiveDateTime).") }
                return nil
            }
            var interpretation: LabTest.Interpretation?
            if let concept = json["valueCodeableConcept"]?["coding"]?.array?.first?["code"]?.string {
                interpretation = FHIR.resultValues.first { $0.value.snomed == concept }?.key
            }
            if interpretation == nil, let v3 = json["interpretation"]?.array?.first?["coding"]?.array?.first?["code"]?.string {
                interpretation = FHIR.resultValues.first { $0.value.v3 == v3 }?.key
            }
            let quantity = json["valueQuantity"]
            var record = base(.test, day)
            let order = context.makeTest(test)
            let result = LabTest.Result(resultedOn: day, interpretation: interpretation, value: quantity?["value"]?.number,
                                        unit: quantity?["unit"]?.string ?? quantity?["code"]?.string, recordedBy: context.userID)
            do {
                record.test = try order.resulted(result, orderedOn: day, kind: test.kind, today: context.today)
            } catch let error as CareBridgeError {
                let element = error.field == "value" ? "valueQuantity" : error.field == "interpretation" ? "valueCodeableConcept" : "effectiveDateTime"
                fail("\(path).\(element)", "value", error.detail); return nil
            } catch { return nil }
            return record
        default:
            return nil
        }
    }
}

import Foundation

/// FHIR REST search (http://hl7.org/fhir/R4/search.html) over the resources this server publishes: the types, their
/// search parameters and the paths each reads, in one table that both the search and the CapabilityStatement use, so
/// the statement lists exactly what is supported. Criteria are evaluated on the resource as written (its JSON), one
/// mechanism for every type; the server narrows the candidates first (by patient, by id) so this runs on few.
public enum FHIRResourceType: String, CaseIterable, Sendable {
    case Patient, Observation, Condition, Immunization, ServiceRequest, Task, Organization, HealthcareService, Location
    case Consent, AuditEvent, Provenance

    /// Whether the resource is a person's data: its search must name the patient (or ids), so every answer passes the
    /// access policy for that person.
    public var isPersonLevel: Bool { ![.Organization, .HealthcareService, .Location].contains(self) }

    /// The parameter that names the person, for person-level types other than Patient.
    public var patientParameter: String? { isPersonLevel && self != .Patient ? "patient" : nil }

    public var searchParameters: [FHIRSearchParameter] {
        let common = [FHIRSearchParameter("_id", .token, ["id"], "Logical id of the resource; several separated by commas"),
                      FHIRSearchParameter("_lastUpdated", .date, ["meta.lastUpdated"], "When the resource last changed")]
        let specific: [FHIRSearchParameter] = switch self {
        case .Patient: [
            .init("identifier", .token, ["identifier"], "Person code (\(FHIR.personCodeSystem)) or identity document number"),
            .init("name", .string, ["name"], "Any part of any name, in any script (starts with; :exact, :contains)"),
            .init("family", .string, ["name.family"], "Family name"),
            .init("given", .string, ["name.given"], "Given name or patronymic"),
            .init("birthdate", .date, ["birthDate"], "Date of birth (partial dates are ranges)"),
            .init("gender", .token, ["gender"], "male | female | other | unknown"),
            .init("active", .token, ["active"], "false for a record merged into another"),
        ]
        case .Observation: [
            .init("patient", .reference, ["subject"], "The person"),
            .init("code", .token, ["code"], "LOINC code (http://loinc.org|CODE) or local screening procedure"),
            .init("date", .date, ["effectiveDateTime"], "When the test was taken"),
            .init("status", .token, ["status"], "registered (ordered) | final (resulted)"),
            .init("category", .token, ["category"], "laboratory | procedure"),
            .init("value-concept", .token, ["valueCodeableConcept"], "Qualitative result (SNOMED CT)"),
        ]
        case .Condition: [
            .init("patient", .reference, ["subject"], "The person"),
            .init("code", .token, ["code"], "ICD-10 code (http://hl7.org/fhir/sid/icd-10|CODE) or disease"),
            .init("onset-date", .date, ["onsetDateTime"], "Onset"),
            .init("recorded-date", .date, ["recordedDate"], "When recorded (a notified case: diagnosis date)"),
            .init("clinical-status", .token, ["clinicalStatus"], "active | resolved"),
            .init("verification-status", .token, ["verificationStatus"], "unconfirmed | provisional | confirmed"),
            .init("category", .token, ["category"], "problem-list-item (diagnosis) | encounter-diagnosis (notified case)"),
        ]
        case .Immunization: [
            .init("patient", .reference, ["patient"], "The person"),
            .init("vaccine-code", .token, ["vaccineCode"], "CVX or ATC code"),
            .init("date", .date, ["occurrenceDateTime"], "When the dose was given"),
            .init("status", .token, ["status"], "completed"),
            .init("lot-number", .string, ["lotNumber"], "Vaccine lot"),
        ]
        case .ServiceRequest: [
            .init("patient", .reference, ["subject"], "The person referred"),
            .init("status", .token, ["status"], "active | completed | revoked"),
            .init("authored", .date, ["authoredOn"], "When the referral was sent"),
            .init("priority", .token, ["priority"], "routine | urgent | stat"),
            .init("requester", .reference, ["requester"], "Referring organization"),
            .init("performer", .reference, ["performer"], "Receiving organization or service"),
        ]
        case .Task: [
            .init("patient", .reference, ["for"], "The person referred"),
            .init("status", .token, ["status"], "requested | accepted | rejected | in-progress | completed | failed | cancelled"),
            .init("business-status", .token, ["businessStatus"], "The referral's state"),
            .init("authored-on", .date, ["authoredOn"], "When the referral was sent"),
            .init("modified", .date, ["lastModified"], "The latest step"),
            .init("owner", .reference, ["owner"], "Receiving organization"),
            .init("requester", .reference, ["requester"], "Referring organization"),
            .init("focus", .reference, ["focus"], "The ServiceRequest"),
        ]
        case .Organization: [
            .init("name", .string, ["name", "alias"], "Name in any language"),
            .init("identifier", .token, ["identifier"], "Slug"),
            .init("type", .token, ["type"], "HL7 organization type or CareBridge organization kind"),
            .init("active", .token, ["active"], "true"),
        ]
        case .HealthcareService: [
            .init("name", .string, ["name"], "Service name"),
            .init("organization", .reference, ["providedBy"], "Providing organization"),
            .init("location", .reference, ["location"], "Where it is given"),
            .init("service-category", .token, ["category"], "Directory category (tb-dispensary, hiv-centre, ...)"),
            .init("active", .token, ["active"], "true | false"),
        ]
        case .Location: [
            .init("name", .string, ["name"], "Location name"),
            .init("address-state", .string, ["address.state"], "ISO 3166-2 region"),
            .init("address-city", .string, ["address.city"], "City"),
            .init("organization", .reference, ["managingOrganization"], "Organization"),
            .init("status", .token, ["status"], "active"),
        ]
        case .Consent: [
            .init("patient", .reference, ["patient"], "The person"),
            .init("status", .token, ["status"], "active | inactive | proposed"),
            .init("date", .date, ["dateTime"], "When recorded"),
            .init("purpose", .token, ["provision.purpose"], "HL7 v3 PurposeOfUse"),
            .init("actor", .reference, ["provision.actor.reference"], "Organization the consent permits"),
        ]
        case .AuditEvent: [
            .init("patient", .reference, ["entity.what"], "The person the access was about"),
            .init("date", .date, ["recorded"], "When"),
            .init("outcome", .token, ["outcome"], "0 (allowed) | 4 (denied)"),
            .init("purpose", .token, ["purposeOfEvent"], "HL7 v3 PurposeOfUse"),
            .init("action", .token, ["action"], "R | U"),
            .init("subtype", .token, ["subtype"], "read | update, or the CareBridge action"),
        ]
        case .Provenance: [
            .init("patient", .reference, ["target"], "The person an import was filed under"),
            .init("target", .reference, ["target"], "Any resource an import created"),
            .init("recorded", .date, ["recorded"], "When imported"),
        ]
        }
        return common + specific
    }

    public func parameter(_ name: String) -> FHIRSearchParameter? { searchParameters.first { $0.name == name } }
}

public struct FHIRSearchParameter: Sendable {
    public enum Kind: String, Sendable { case token, date, reference, string }
    public var name: String
    public var kind: Kind
    public var paths: [String]
    public var documentation: String
    public init(_ name: String, _ kind: Kind, _ paths: [String], _ documentation: String) {
        (self.name, self.kind, self.paths, self.documentation) = (name, kind, paths, documentation)
    }
}

/// A parsed search: its criteria (ANDed; each one's values ORed), paging, and what it ignored.
public struct FHIRSearch: Sendable {
    public struct Criterion: Sendable {
        public var parameter: FHIRSearchParameter
        public var modifier: String?
        public var values: [String]
        /// The query item as given, for the self link.
        public var raw: (name: String, value: String)
    }

    public static let defaultCount = 50
    public static let maxCount = 500

    public var type: FHIRResourceType
    public var criteria: [Criterion]
    public var count: Int
    public var offset: Int
    public var ignored: [String]

    /// Parses query items. Unknown parameters are ignored (and left out of the self link) unless `strict`
    /// (`Prefer: handling=strict`), when they are an error, as the specification allows.
    public init(_ type: FHIRResourceType, items: [(name: String, value: String)], strict: Bool) throws {
        self.type = type
        (criteria, count, offset, ignored) = ([], Self.defaultCount, 0, [])
        for (rawName, value) in items {
            let parts = rawName.split(separator: ":", maxSplits: 1).map(String.init)
            let name = parts.first ?? rawName, modifier = parts.count > 1 ? parts[1] : nil
            switch name {
            case "_count":
                guard let n = Int(value), (0...Self.maxCount).contains(n) else {
                    throw CareBridgeError.invalid("_count", "_count must be a whole number from 0 to \(Self.maxCount).")
                }
                count = n
                continue
            case "_offset":
                guard let n = Int(value), n >= 0 else { throw CareBridgeError.invalid("_offset", "_offset must be a whole number, 0 or more.") }
                offset = n
                continue
            case "_format":
                guard ["json", "application/json", "application/fhir+json"].contains(value) else {
                    throw CareBridgeError.invalid("_format", "This server speaks FHIR JSON only (_format=json).")
                }
                continue
            default: break
            }
            guard let parameter = type.parameter(name) else {
                if strict {
                    let known = type.searchParameters.map(\.name).joined(separator: ", ")
                    throw CareBridgeError.invalid(name, "\(type.rawValue) has no search parameter '\(name)'; this server supports \(known), _count and _offset.")
                }
                ignored.append(rawName)
                continue
            }
            let allowed: [String] = switch parameter.kind {
            case .string: ["exact", "contains", "missing"]
            case .token: ["not", "missing", "text"]
            case .date, .reference: ["missing"]
            }
            if let modifier, !allowed.contains(modifier) {
                throw CareBridgeError.invalid(rawName, "The modifier :\(modifier) is not supported on \(name) (\(parameter.kind.rawValue)); use \(allowed.map { ":" + $0 }.joined(separator: ", ")).")
            }
            let values = value.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
            guard !values.contains(where: \.isEmpty) || modifier == "missing" else {
                throw CareBridgeError.invalid(name, "\(name) has an empty value.")
            }
            if parameter.kind == .date, modifier != "missing" {
                for v in values { _ = try FHIRDateRange(parameter: v, field: name) }
            }
            if modifier == "missing", !["true", "false"].contains(value) {
                throw CareBridgeError.invalid(rawName, "\(rawName) takes true or false.")
            }
            criteria.append(Criterion(parameter: parameter, modifier: modifier, values: values, raw: (rawName, value)))
        }
    }

    /// The values of every criterion on `name` (for the server to narrow candidates, e.g. by patient).
    public func values(of name: String) -> [[String]] { criteria.filter { $0.parameter.name == name && $0.modifier == nil }.map(\.values) }

    /// The ids a reference criterion names (`Patient/ID`, `ID`, or a full URL ending so), per criterion.
    public func referencedIDs(_ name: String, type: String) -> [[String]] {
        values(of: name).map { $0.map { FHIRSearch.referenceID($0, type: type) } }
    }

    static func referenceID(_ value: String, type: String) -> String {
        let parts = value.split(separator: "/")
        if parts.count >= 2, parts[parts.count - 2] == type { return String(parts[parts.count - 1]) }
        return value
    }

    /// Whether the resource meets every criterion.
    public func matches(_ resource: JSON) -> Bool {
        criteria.allSatisfy { criterion in
            let found = criterion.parameter.paths.flatMap { FHIRPath.values($0, in: resource) }
            if criterion.modifier == "missing" { return found.isEmpty == (criterion.values.first == "true") }
            let hit = criterion.values.contains { value in found.contains { Self.matches($0, value, criterion) } }
            return criterion.modifier == "not" ? !hit : hit
        }
    }

    static func matches(_ target: JSON, _ value: String, _ criterion: Criterion) -> Bool {
        switch criterion.parameter.kind {
        case .token: return tokenMatches(target, value, text: criterion.modifier == "text")
        case .reference:
            guard let reference = target["reference"]?.string else { return false }
            let parts = reference.split(separator: "/"), wanted = value.split(separator: "/")
            if wanted.count >= 2 { return parts.suffix(2).elementsEqual(wanted.suffix(2)) }
            return parts.last.map { $0 == value } ?? false
        case .date:
            guard let range = FHIRDateRange(target: target), let wanted = try? FHIRDateRange(parameter: value, field: "") else { return false }
            return wanted.matches(range)
        case .string:
            let wanted = fold(value)
            return strings(in: target).contains { text in
                let folded = fold(text)
                switch criterion.modifier {
                case "exact": return text == value
                case "contains": return folded.contains(wanted)
                default: return folded.hasPrefix(wanted) || folded.split(separator: " ").contains { $0.hasPrefix(wanted) }
                }
            }
        }
    }

    static func tokenMatches(_ target: JSON, _ value: String, text: Bool) -> Bool {
        if text {
            let wanted = fold(value)
            return strings(in: target).contains { fold($0).contains(wanted) }
        }
        let system: String?, code: String
        if let bar = value.firstIndex(of: "|") {
            let s = String(value[..<bar])
            (system, code) = (s, String(value[value.index(after: bar)...]))
        } else {
            (system, code) = (nil, value)
        }
        func pair(_ s: String?, _ c: String?) -> Bool {
            if let system, system != (s ?? "") { return false }
            return code.isEmpty ? system != nil : c == code
        }
        switch target {
        case .string(let s): return system == nil && s == code
        case .bool(let b): return system == nil && String(b) == code
        case .object(let members):
            if let codings = members["coding"]?.array { return codings.contains { pair($0["system"]?.string, $0["code"]?.string) } }
            if members["code"] != nil { return pair(members["system"]?.string, members["code"]?.string) }
            if members["value"] != nil { return pair(members["system"]?.string, members["value"]?.string) }
            return false
        default: return false
        }
    }

    static func strings(in value: JSON) -> [String] {
        switch value {
        case .string(let s): [s]
        case .array(let items): items.flatMap(strings)
        case .object(let members): members.filter { $0.key != "extension" && $0.key != "use" }.values.flatMap(strings)
        default: []
        }
    }

    /// Case- and accent-insensitive text, so "muller" finds "Müller".
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }
}

/// Dotted paths into a resource, arrays flattened at each step ("name.given", "entity.what").
enum FHIRPath {
    static func values(_ path: String, in resource: JSON) -> [JSON] {
        var current = [resource]
        for step in path.split(separator: ".") {
            current = current.flatMap { value -> [JSON] in
                guard let next = value[String(step)] else { return [] }
                if case .array(let items) = next { return items }
                return [next]
            }
        }
        return current
    }
}

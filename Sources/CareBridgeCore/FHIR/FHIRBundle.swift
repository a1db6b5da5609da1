import Foundation

/// Bundles (search results with paging links, transaction responses), OperationOutcome for errors, and the
/// CapabilityStatement, built from the same type table the search uses.
extension FHIR {
    /// A page of search results. `base` is the server's FHIR base URL; links repeat the criteria used (not the ignored
    /// ones), with `_count` and `_offset`.
    public static func searchset(_ search: FHIRSearch, matches: [JSON], base: String, id: UUID = UUID(), now: Date) -> JSON {
        let total = matches.count
        let page = search.count == 0 ? [] : Array(matches.dropFirst(search.offset).prefix(search.count))
        func link(_ relation: String, offset: Int) -> JSON {
            var items = search.criteria.map { "\(percent($0.raw.name))=\(percent($0.raw.value))" }
            items += ["_count=\(search.count)", "_offset=\(offset)"]
            return ["relation": .string(relation), "url": .string("\(base)/\(search.type.rawValue)?\(items.joined(separator: "&"))")]
        }
        var links = [link("self", offset: search.offset), link("first", offset: 0)]
        if search.count > 0 {
            if search.offset > 0 { links.append(link("previous", offset: max(0, search.offset - search.count))) }
            if search.offset + search.count < total { links.append(link("next", offset: search.offset + search.count)) }
            links.append(link("last", offset: total == 0 ? 0 : (total - 1) / search.count * search.count))
        }
        let entries: [JSON] = page.map { resource in
            ["fullUrl": .string(fullURL(resource, base: base)), "resource": resource, "search": ["mode": "match"]]
        }
        return resource("Bundle", id: id, [
            "meta": meta(lastUpdated: now),
            "type": "searchset",
            "total": .number(Double(total)),
            "link": .array(links),
            "entry": .array(entries),
        ])
    }

    public static func fullURL(_ resource: JSON, base: String) -> String {
        "\(base)/\(resource["resourceType"]?.string ?? "")/\(resource["id"]?.string ?? "")"
    }

    static func percent(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// One issue of an OperationOutcome.
    public struct Issue: Sendable, Hashable {
        public var severity: String
        public var code: String
        public var diagnostics: String
        public var expression: String?
        public init(severity: String = "error", code: String, diagnostics: String, expression: String? = nil) {
            (self.severity, self.code, self.diagnostics, self.expression) = (severity, code, diagnostics, expression)
        }
    }

    /// Issue type (http://hl7.org/fhir/R4/valueset-issue-type.html) for an error kind.
    public static func issueCode(_ kind: CareBridgeError.Kind) -> String {
        switch kind {
        case .badRequest: "structure"
        case .validation: "invalid"
        case .unauthorized: "login"
        case .forbidden: "forbidden"
        case .notFound: "not-found"
        case .conflict, .preconditionFailed: "conflict"
        case .payloadTooLarge: "too-long"
        case .rateLimited: "throttled"
        case .unavailable: "transient"
        case .storage: "exception"
        }
    }

    public static func operationOutcome(_ issues: [Issue]) -> JSON {
        let rows = issues.map { "<li>\(escape($0.expression.map { $0 + ": " } ?? ""))\(escape($0.diagnostics))</li>" }.joined()
        return resource("OperationOutcome", id: nil, [
            "text": narrative("<ul>\(rows)</ul>"),
            "issue": .array(issues.map { issue in
                var members: [String: JSON] = ["severity": .string(issue.severity), "code": .string(issue.code), "diagnostics": .string(issue.diagnostics)]
                if let expression = issue.expression { members["expression"] = [.string(expression)] }
                return .object(members)
            }),
        ])
    }

    public static func operationOutcome(_ error: CareBridgeError) -> JSON {
        operationOutcome([Issue(code: error.reason == "not-supported" ? "not-supported" : issueCode(error.kind), diagnostics: error.detail, expression: error.field)])
    }

    /// What this server does: the types, their interactions and search parameters, and the operations.
    public static func capabilityStatement(base: String, software: String, date: Date) -> JSON {
        let resources: [JSON] = FHIRResourceType.allCases.map { type in
            let interactions: [JSON] = [["code": "read"], ["code": "search-type"]]
            var members: [String: JSON] = [
                "type": .string(type.rawValue),
                "interaction": .array(interactions),
                "searchParam": .array(type.searchParameters.map { p in
                    ["name": .string(p.name), "type": .string(p.kind.rawValue), "documentation": .string(p.documentation)]
                }),
            ]
            if type.isPersonLevel, type != .Patient {
                members["documentation"] = "A person's data: a search names the patient (patient=) or the ids (_id=), and every result passes the access policy for that person; the read is audited with its purpose (X-Purpose-Of-Use)."
            }
            if type == .Patient {
                members["operation"] = [["name": "summary", "definition": "http://hl7.org/fhir/uv/ips/OperationDefinition/summary",
                                         "documentation": "International Patient Summary document for the patient (GET /Patient/{id}/$summary)"]]
            }
            return .object(members)
        }
        return resource("CapabilityStatement", id: nil, [
            "status": "active",
            "date": .string(instant(date)),
            "publisher": "CareBridge",
            "kind": "instance",
            "software": ["name": .string(software)],
            "implementation": ["description": "CareBridge FHIR R4 API", "url": .string(base)],
            "fhirVersion": .string(version),
            "format": ["json", .string(mediaType)],
            "rest": [[
                "mode": "server",
                "documentation": "Bearer token from POST /api/v1/auth/token; the same access policy, purposes of use and audit as /api/v1. Errors are OperationOutcome. Unknown search parameters are ignored unless Prefer: handling=strict. Paging with _count (0-500, default 50) and _offset.",
                "security": ["cors": false, "service": [concept(coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth"), text: "Bearer token")],
                             "description": "Authorization: Bearer TOKEN; X-Purpose-Of-Use names the HL7 v3 PurposeOfUse (TREAT, COC, PUBHLTH, HRESCH, HOPERAT, ETREAT with X-Access-Reason)."],
                "resource": .array(resources),
                "interaction": [["code": "transaction", "documentation": "POST / with a transaction Bundle or an IPS document Bundle: the person is found or created through the identity matcher (a likely match is queued for review, never merged), its immunizations, conditions and results added with a Provenance naming the source; all or nothing."]],
                "operation": [["name": "summary", "definition": "http://hl7.org/fhir/uv/ips/OperationDefinition/summary"]],
            ]],
        ])
    }
}

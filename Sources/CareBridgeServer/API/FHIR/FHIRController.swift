import CareBridgeCore
import Foundation
import HTTPTypes
import Hummingbird

/// HL7 FHIR R4 under `/fhir/r4/`: the CapabilityStatement, read and search of each type in `FHIRResourceType`, the
/// patient summary (`Patient/{id}/$summary`) and the import of a bundle (`POST /fhir/r4/`). Errors are
/// OperationOutcome (ErrorMiddleware writes them for every path under the prefix, unknown routes included).
enum FHIRController {
    static let prefix = "/fhir/r4"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let fhir = FHIRService(services: services)
        router.get(RouterPath(prefix + "/metadata")) { request, _ in
            respond(FHIR.capabilityStatement(base: FHIRService.base(request), software: "CareBridge \(CareBridgeVersion.current)", date: services.now()))
        }
        for type in FHIRResourceType.allCases {
            router.get(RouterPath("\(prefix)/\(type.rawValue)")) { request, context in
                let search = try FHIRSearch(type, items: queryItems(request), strict: request.headers[.prefer]?.contains("handling=strict") ?? false)
                let matches = try await fhir.search(search, request: request, context: context)
                return respond(FHIR.searchset(search, matches: matches, base: FHIRService.base(request), now: services.now()))
            }
            router.get(RouterPath("\(prefix)/\(type.rawValue)/:id")) { request, context in
                guard let id = context.parameters.get("id") else { throw CareBridgeError.notFound("The \(type.rawValue)") }
                return respond(try await fhir.read(type, id: id, request: request, context: context))
            }
        }
        router.get(RouterPath(prefix + "/Patient/:id/:operation")) { request, context in
            guard context.parameters.get("operation") == "$summary" else {
                throw CareBridgeError(.notFound, title: "Not supported", detail: "Patient supports the $summary operation only.", reason: "not-supported")
            }
            let id = try context.uuidParameter("id", what: "The Patient")
            let summary = try await PatientSummaryService(services: services).bundle(id, request: request, context: context)
            var response = respond(summary.bundle)
            if try QueryFlag.read(request.uri.queryParameters["download"], name: "download") {
                response.headers[.contentDisposition] = "attachment; filename=\"patient-summary-\(summary.code).json\""
            }
            return response
        }
        // `/fhir/r4` and `/fhir/r4/` are one route.
        router.post(RouterPath(prefix)) { request, context in
            let body = try await request.body.collect(upTo: services.configuration.maxBodySize)
            let json = try JSON.parse(Data(buffer: body), field: "Bundle")
            let answer = try await FHIRImportService(services: services).run(json, request: request, context: context)
            return respond(answer, status: .ok)
        }
        // Types this server does not publish: an OperationOutcome that says so, rather than a bare 404.
        for path in [prefix + "/:type", prefix + "/:type/:id"] {
            router.get(RouterPath(path)) { _, context -> Response in throw unsupported(context.parameters.get("type") ?? "") }
        }
    }

    static func unsupported(_ type: String) -> CareBridgeError {
        CareBridgeError(.notFound, title: "Not supported",
                        detail: "\(type) is not a resource type this server publishes; see /fhir/r4/metadata (\(FHIRResourceType.allCases.map(\.rawValue).joined(separator: ", "))).",
                        reason: "not-supported", field: type)
    }

    /// The query string as ordered pairs, repeated names kept (FHIR ANDs them), decoded as a form (`+` is a space).
    static func queryItems(_ request: Request) -> [(name: String, value: String)] {
        (request.uri.query ?? "").split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            guard let name = parts.first.map(decode), !name.isEmpty else { return nil }
            return (name, parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func respond(_ json: JSON, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: FHIR.mediaType + "; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: json.encoded())))
    }
}

extension HTTPField.Name {
    static let prefer = HTTPField.Name("Prefer")!
}

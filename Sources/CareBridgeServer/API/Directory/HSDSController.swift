import CareBridgeCore
import Foundation
import HTTPTypes
import Hummingbird

/// The public, read-only HSDS 3.0 API (Resources/hsds, the HSDS OpenAPI description): no account, directory data only.
/// Lists page with `page` (from 1) and `per_page` (1-500, default 50) in HSDS's Page shape; `lang` picks the language
/// of names and descriptions (default English); `search`, `organization_id`, `taxonomy_term_id` and `taxonomy_id`
/// narrow the lists; `full=true` nests related records in list items as in single reads.
enum HSDSController {
    static let prefix = "/hsds"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(prefix)) { _, _ in
            try json(["version": "3.0", "profile": "https://github.com/carebridge/carebridge/blob/main/docs/directory.md",
                      "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"])
        }
        router.get(RouterPath(prefix + "/services")) { request, _ in
            let q = try Query(request)
            let index = services.directory.index, writer = services.directory.writer(language: q.language, services: services)
            let matches = try filtered(index, q).map { writer.service($0.service, in: $0.entry, nested: q.full) }
            return try json(page(matches, q))
        }
        router.get(RouterPath(prefix + "/services/:id")) { request, context in
            let id = try context.uuidParameter("id", what: "The service")
            guard let found = services.directory.index.service(id: id) else { throw CareBridgeError.notFound("The service") }
            return try json(services.directory.writer(language: try Query(request).language, services: services).service(found.service, in: found.entry, nested: true))
        }
        router.get(RouterPath(prefix + "/organizations")) { request, _ in
            let q = try Query(request)
            let writer = services.directory.writer(language: q.language, services: services)
            let entries = services.directory.index.entries.filter { entry in
                q.search.map { text in DirectoryIndexText.matches(text, entry.organization.names.values) } ?? true
            }
            return try json(page(entries.map { writer.organization($0, nested: q.full) }, q))
        }
        router.get(RouterPath(prefix + "/organizations/:id")) { request, context in
            let id = try context.uuidParameter("id", what: "The organization")
            guard let entry = services.directory.index.entries.first(where: { $0.organization.id == id }) else { throw CareBridgeError.notFound("The organization") }
            return try json(services.directory.writer(language: try Query(request).language, services: services).organization(entry, nested: true))
        }
        router.get(RouterPath(prefix + "/service_at_locations")) { request, _ in
            let q = try Query(request)
            let writer = services.directory.writer(language: q.language, services: services)
            let items = try filtered(services.directory.index, q).flatMap { found in
                found.service.locations.map { writer.serviceAtLocation($0, of: found.service, in: found.entry, nested: q.full) }
            }
            return try json(page(items, q))
        }
        router.get(RouterPath(prefix + "/service_at_locations/:id")) { request, context in
            let id = try context.uuidParameter("id", what: "The service at location")
            let writer = services.directory.writer(language: try Query(request).language, services: services)
            for entry in services.directory.index.entries {
                for service in entry.services {
                    if let place = service.locations.first(where: { $0.id == id }) { return try json(writer.serviceAtLocation(place, of: service, in: entry, nested: true)) }
                }
            }
            throw CareBridgeError.notFound("The service at location")
        }
        router.get(RouterPath(prefix + "/taxonomies")) { request, _ in try json(page([HSDSWriter.taxonomy], try Query(request))) }
        router.get(RouterPath(prefix + "/taxonomies/:id")) { _, context in
            guard try context.uuidParameter("id", what: "The taxonomy") == HSDSWriter.taxonomyID else { throw CareBridgeError.notFound("The taxonomy") }
            return try json(HSDSWriter.taxonomy)
        }
        router.get(RouterPath(prefix + "/taxonomy_terms")) { request, _ in try json(page(ServiceCategory.allCases.map(HSDSWriter.term), try Query(request))) }
        router.get(RouterPath(prefix + "/taxonomy_terms/:id")) { _, context in
            let id = try context.uuidParameter("id", what: "The taxonomy term")
            guard let category = ServiceCategory.allCases.first(where: { HSDSWriter.termID($0) == id }) else { throw CareBridgeError.notFound("The taxonomy term") }
            return try json(HSDSWriter.term(category))
        }
    }

    struct Query {
        var page: Int, perPage: Int, language: String, search: String?, organizationID: UUID?, category: ServiceCategory?, taxonomyID: UUID?, full: Bool

        init(_ request: Request) throws {
            let query = request.formQuery
            func int(_ name: String, _ fallback: Int, _ range: ClosedRange<Int>) throws -> Int {
                guard let text = query[name], !text.isEmpty else { return fallback }
                guard let value = Int(text), range.contains(value) else {
                    throw CareBridgeError.invalid(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
                }
                return value
            }
            page = try int("page", 1, 1...1_000_000)
            perPage = try int("per_page", 50, 1...500)
            language = query["lang"] ?? "en"
            try Validation.languageTag(language, field: "lang")
            search = query["search"].flatMap { $0.isEmpty ? nil : $0 }
            organizationID = try query["organization_id"].map { text in
                guard let id = UUID(uuidString: String(text)) else { throw CareBridgeError.invalid("organization_id", "organization_id must be a UUID.") }
                return id
            }
            category = try query["taxonomy_term_id"].map { text in
                guard let category = ServiceCategory.allCases.first(where: { HSDSWriter.termID($0).text == text.lowercased() || $0.rawValue == text }) else {
                    throw CareBridgeError.invalid("taxonomy_term_id", "taxonomy_term_id '\(text)' is not a term of this directory (see /hsds/taxonomy_terms).")
                }
                return category
            }
            taxonomyID = try query["taxonomy_id"].map { text in
                guard let id = UUID(uuidString: text) else { throw CareBridgeError.invalid("taxonomy_id", "taxonomy_id must be a UUID (see /hsds/taxonomies).") }
                return id
            }
            full = try QueryFlag.read(query["full"], name: "full")
        }
    }

    /// Services by the list filters, in the directory's order (organization slug, then id).
    static func filtered(_ index: DirectoryIndex, _ q: Query) throws -> [(service: DirectoryService, entry: DirectoryEntry)] {
        if let taxonomyID = q.taxonomyID, taxonomyID != HSDSWriter.taxonomyID { return [] }
        var out: [(DirectoryService, DirectoryEntry)] = []
        for entry in index.entries where q.organizationID.map({ $0 == entry.organization.id }) ?? true {
            for service in entry.services {
                if let category = q.category, !service.categories.contains(category) { continue }
                if let text = q.search, !DirectoryIndexText.matches(text, Array(service.names.values) + Array(service.descriptions.values) + Array(entry.organization.names.values)) { continue }
                out.append((service, entry))
            }
        }
        return out
    }

    static func page(_ items: [JSON], _ q: Query) -> JSON {
        let start = min(items.count, (q.page - 1) * q.perPage)
        let slice = Array(items[start..<min(items.count, start + q.perPage)])
        let pages = max(1, (items.count + q.perPage - 1) / q.perPage)
        return ["total_items": .number(Double(items.count)), "total_pages": .number(Double(pages)), "page_number": .number(Double(q.page)),
                "size": .number(Double(slice.count)), "first_page": .bool(q.page == 1), "last_page": .bool(q.page >= pages),
                "empty": .bool(slice.isEmpty), "contents": .array(slice)]
    }

    static func json(_ value: JSON) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .accessControlAllowOrigin: "*"],
                 body: .init(byteBuffer: ByteBuffer(bytes: value.encoded())))
    }
}

/// Word matching for the HSDS `search` parameter: every word of the query, folded, in the folded texts.
enum DirectoryIndexText {
    static func matches<S: Sequence>(_ query: String, _ texts: S) -> Bool where S.Element == String {
        let haystack = DirectoryIndex.foldText(texts.joined(separator: " | "))
        return DirectoryIndex.foldText(query).split(separator: " ").allSatisfy { haystack.contains($0) }
    }
}

import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// `/app/directory`: an organization's services in the directory. Its administrators add and change them (platform
/// administrators any organization's, chosen with `?organization=`); other staff see the list read-only. Saving goes
/// through ServiceEditing, the mechanism of `/api/v1/services`, with the version the form was loaded at.
enum DirectoryEditPage {
    static func organizationID(_ request: Request, identity: Identity) -> UUID {
        guard ServiceEditing.isPlatformEditor(identity), let text = request.uri.queryParameters["organization"], let id = UUID(uuidString: String(text)) else {
            return identity.organization.id
        }
        return id
    }

    static func listView(organization: Organization, services list: [DirectoryService], organizations: [Organization], mayEdit: Bool, platform: Bool,
                         page: PageContext, dates: ReferralDates) -> String {
        let l = page.l
        return PageShell(title: l("directory.edit.title", ["organization": organization.name(in: l.language)]), page: page, current: SiteURL.directory).render {
            if platform {
                Form(url: SiteURL.directory, method: .get) {
                    SelectField(label: l("users.field.organization"), name: "organization",
                                options: organizations.map { (Hex.uuid($0.id), $0.name(in: l.language)) }, selected: Hex.uuid(organization.id))
                    El("button", [("type", "submit")]) { Text(l("directory.edit.show")) }
                }.class("inline")
            }
            if mayEdit {
                Paragraph { Link(l("directory.edit.new"), url: SiteURL.newDirectoryService + "?organization=" + Hex.uuid(organization.id)) }
            } else {
                Paragraph(l("directory.edit.read-only")).class("hint")
            }
            if list.isEmpty {
                Paragraph(l("directory.edit.empty"))
            } else {
                Div { Table(
                    caption: TableCaption(l("directory.edit.caption")),
                    header: TableRow {
                        TableHeaderCell(l("service.field.name-plain")); TableHeaderCell(l("service.field.categories")); TableHeaderCell(l("service.field.status"))
                        TableHeaderCell(l("referrals.col.changed"))
                    }
                ) {
                    for s in list {
                        TableRow {
                            TableCell {
                                if mayEdit { Link(s.name(in: l.language), url: SiteURL.directoryService(s.id)) } else { Text(s.name(in: l.language)) }
                            }
                            TableCell(s.categories.map { l("category.\($0.rawValue)") }.joined(separator: ", "))
                            TableCell(l("service.status.\(s.status.rawValue.replacingOccurrences(of: " ", with: "-"))"))
                            TableCell(dates.text(s.updatedAt))
                        }
                    }
                }.class("data") }.class("table-scroll")
            }
        }
    }

    /// The new-service form (`version` nil) or the edit form.
    static func formView(organization: Organization, serviceID: UUID?, version: Int64?, values: [String: String], locations: [DirectoryLocation],
                         regions: [(code: String, name: String)], page: PageContext, notice: Notice?) -> String {
        let l = page.l
        let title = serviceID == nil ? l("directory.edit.new") : l("directory.edit.service", ["name": values["name"] ?? ""])
        return PageShell(title: title, page: page, current: SiteURL.directory, notice: notice).render {
            Paragraph(organization.name(in: l.language)).class("hint")
            Form(url: serviceID.map(SiteURL.directoryService) ?? SiteURL.newDirectoryService, method: .post) {
                CSRFField(token: page.csrf)
                El("input", [("type", "hidden"), ("name", "organizationId"), ("value", Hex.uuid(organization.id))])
                if let version { El("input", [("type", "hidden"), ("name", "version"), ("value", String(version))]) }
                ServiceForm(values: values, locations: locations, regions: regions, page: page)
                El("button", [("type", "submit")]) { Text(l("common.save")) }
            }.class("card")
            Paragraph { Link(l("directory.edit.all"), url: SiteURL.directory + "?organization=" + Hex.uuid(organization.id)) }
        }
    }

    static func organization(_ id: UUID, services: AppServices) async throws -> Organization {
        guard let found = try await services.organizations.find(id: id) else { throw CareBridgeError.notFound("The organization") }
        return found.value
    }

    static func locations(of id: UUID, services: AppServices) -> [DirectoryLocation] {
        services.directory.index.entries.first { $0.organization.id == id }?.locations ?? []
    }

    static func form(_ organizationID: UUID, serviceID: UUID?, version: Int64?, values: [String: String], request: Request, context: AppRequestContext,
                     services: AppServices, notice: Notice?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let page = context.page(request)
        let regions = services.countries.regions.values.sorted { $0.code < $1.code }.map { (code: $0.code, name: $0.name(language: page.l.language)) }
        return HTMLResponse.page(formView(organization: try await organization(organizationID, services: services), serviceID: serviceID, version: version,
                                          values: values, locations: locations(of: organizationID, services: services), regions: regions, page: page,
                                          notice: notice), status: status)
    }

    static func refused(_ error: CareBridgeError, _ l: Localizer) -> Notice {
        Notice(kind: .error, text: error.kind == .preconditionFailed ? l("directory.edit.stale") : error.detail)
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let editing = ServiceEditing(services: services)
        router.get(RouterPath(SiteURL.directory)) { request, context in
            let identity = try context.requireIdentity()
            let id = organizationID(request, identity: identity)
            let page = context.page(request)
            let list = services.directory.index.entries.first { $0.organization.id == id }?.services ?? []
            let platform = ServiceEditing.isPlatformEditor(identity)
            return HTMLResponse.page(listView(organization: try await organization(id, services: services), services: list.sorted { $0.name(in: page.l.language) < $1.name(in: page.l.language) },
                                              organizations: platform ? try await services.organizations.list(limit: 200, after: nil).items : [],
                                              mayEdit: ServiceEditing.mayEdit(identity, organizationID: id), platform: platform, page: page,
                                              dates: ReferralDates(zone: services.configuration.zone, locale: page.l.locale)))
        }
        router.get(RouterPath(SiteURL.newDirectoryService)) { request, context in
            let id = organizationID(request, identity: try context.requireIdentity())
            _ = try ServiceEditing.editor(context, of: id)
            return try await form(id, serviceID: nil, version: nil, values: ["status": ServiceStatus.active.rawValue, "locationId": locations(of: id, services: services).first.map { Hex.uuid($0.id) } ?? ServiceForm.newLocation],
                                  request: request, context: context, services: services, notice: nil)
        }
        router.post(RouterPath(SiteURL.newDirectoryService)) { request, context in
            let fields = try await request.formFields(context: context)
            let id = try fields["organizationId"].flatMap(UUID.init(uuidString:)) ?? context.requireIdentity().organization.id
            do {
                let service = try await editing.create(ServiceForm.input(fields, organizationID: id, existing: nil, language: fields["language"] ?? context.language),
                                                       context: context)
                return HTMLResponse.redirect(SiteURL.directoryService(service.id) + "?saved=1")
            } catch let error as CareBridgeError where [.validation, .badRequest].contains(error.kind) {
                return try await form(id, serviceID: nil, version: nil, values: fields.values, request: request, context: context, services: services,
                                      notice: refused(error, context.page(request).l), status: Problem.status(for: error.kind))
            }
        }
        router.get("/app/directory/services/:id") { request, context in
            let serviceID = try context.uuidParameter("id", what: "The service")
            guard let stored = try await services.directory.repository.service(id: serviceID) else { throw CareBridgeError.notFound("The service") }
            _ = try ServiceEditing.editor(context, of: stored.value.organizationID)
            let l = context.page(request).l
            return try await form(stored.value.organizationID, serviceID: serviceID, version: stored.version,
                                  values: ServiceForm.values(stored.value, language: l.language), request: request, context: context, services: services,
                                  notice: request.uri.queryParameters["saved"] == nil ? nil : Notice(kind: .success, text: l("common.saved")))
        }
        router.post("/app/directory/services/:id") { request, context in
            let serviceID = try context.uuidParameter("id", what: "The service")
            guard let stored = try await services.directory.repository.service(id: serviceID) else { throw CareBridgeError.notFound("The service") }
            _ = try ServiceEditing.editor(context, of: stored.value.organizationID)
            let fields = try await request.formFields(context: context)
            let input = ServiceForm.input(fields, organizationID: stored.value.organizationID, existing: stored.value, language: fields["language"] ?? context.language)
            do {
                _ = try await editing.update(serviceID, with: input, expectedVersion: Int64(fields["version"] ?? "") ?? -1, context: context)
                return HTMLResponse.redirect(SiteURL.directoryService(serviceID) + "?saved=1")
            } catch let error as CareBridgeError where [.validation, .badRequest, .preconditionFailed].contains(error.kind) {
                // After a stale save the form carries the stored version, so saving again is a deliberate overwrite of the newer one.
                let version = error.kind == .preconditionFailed ? stored.version : Int64(fields["version"] ?? "") ?? stored.version
                return try await form(stored.value.organizationID, serviceID: serviceID, version: version, values: fields.values, request: request, context: context, services: services,
                                      notice: refused(error, context.page(request).l), status: Problem.status(for: error.kind))
            }
        }
    }
}

import CareBridgeCore
import Foundation
import Hummingbird

/// The International Patient Summary of one person, for `Patient/{id}/$summary` and the printable page: an identity
/// read and a health read of the person, both decided by the access policy and audited, then the IPS document with
/// its text in the person's language (the first of their languages the interface speaks, else English).
struct PatientSummaryService: Sendable {
    let services: AppServices

    struct Loaded: Sendable {
        var summary: PatientSummary
        /// The same summary with English labels, for the page's second column.
        var english: PatientSummary.Labels
        var code: String
        var bundle: JSON { summary.bundle() }
    }

    static func labels(_ language: String) -> PatientSummary.Labels {
        let l = Catalogs.localizer(language)
        return PatientSummary.Labels(language: language) { l($0) }
    }

    /// The UI language closest to the person's first language that has one.
    static func language(of person: Person) -> String {
        person.languages.lazy.compactMap(Catalogs.match).first ?? "en"
    }

    func bundle(_ personID: UUID, request: Request, context: AppRequestContext) async throws -> Loaded {
        let identity = try context.requireIdentity()
        // One read: the record with its documents and consents (one statement), whether the person has a notifiable
        // condition (the legal-notification rule, for the public-health service's users only) and the health records.
        // Nothing of it leaves before the policy has decided.
        let notifying = identity.organization.kind == .publicHealthService
        let (stored, target, records) = try await services.database.read(.brief) { db in
            guard let stored = try await services.people.findWithConsents(id: personID, in: db) else { throw CareBridgeError.notFound("The person") }
            var target = AccessGate.Target(personID: personID, recordOrganizationID: stored.record.value.recordOrganizationID, consents: stored.consents)
            if notifying { target.hasNotifiableCondition = try await !services.healthRecords.notified([personID], in: db).isEmpty }
            return (stored.record, target, try await services.healthRecords.records(of: [personID], in: db))
        }
        var found = stored
        // Identity and health are needed, contact details shown where allowed: decided together, audited in one commit.
        let shown = try await services.gate.authorizeReads([.identity, .health], optional: found.value.contact == nil ? [] : [.contact],
                                                           of: target, request: request, context: context)
        let contactShown = shown.contains(.contact)
        if !contactShown { found.value.contact = nil }
        // The organizations the document names: where each record was made, the treating facility, the record holder.
        var organizationIDs: Set<UUID> = [found.value.recordOrganizationID]
        for record in records {
            organizationIDs.insert(record.organizationID)
            if let treating = record.treatment?.treatingOrganizationID { organizationIDs.insert(treating) }
        }
        organizationIDs.remove(identity.organization.id)
        var organizations = [identity.organization]
        for id in organizationIDs.sorted(by: { $0.uuidString < $1.uuidString }) {
            if let found = try await services.organizations.find(id: id)?.value { organizations.append(found) }
        }
        let language = Self.language(of: found.value)
        let summary = PatientSummary(person: found.value, contactShown: contactShown, records: records, author: identity.organization,
                                     organizations: Dictionary(organizations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
                                     labels: Self.labels(language), now: services.now(), base: FHIRService.base(request))
        return Loaded(summary: summary, english: Self.labels("en"), code: found.value.code)
    }
}

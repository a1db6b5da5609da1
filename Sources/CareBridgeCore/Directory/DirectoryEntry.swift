import Crypto
import Foundation

/// One organization with its directory records: what an HSDS file holds per organization, and what an import stores.
public struct DirectoryEntry: Sendable, Hashable {
    public var organization: Organization
    public var profile: DirectoryProfile
    public var locations: [DirectoryLocation]
    public var services: [DirectoryService]

    public init(organization: Organization, profile: DirectoryProfile, locations: [DirectoryLocation], services: [DirectoryService]) {
        (self.organization, self.profile, self.locations, self.services) = (organization, profile, locations, services)
    }

    /// The same entry under other ids: an imported organization whose slug exists keeps the stored organization.
    public func attached(to stored: Organization) -> DirectoryEntry {
        var copy = self
        copy.organization = stored
        copy.profile.organizationID = stored.id
        for index in copy.locations.indices { copy.locations[index].organizationID = stored.id }
        for index in copy.services.indices { copy.services[index].organizationID = stored.id }
        return copy
    }
}

/// A parsed directory file (docs/directory.md).
public struct DirectoryFile: Sendable {
    public var country: String?
    public var language: String
    public var demo: Bool
    public var note: String?
    public var entries: [DirectoryEntry]
}

extension UUID {
    /// A stable id derived from another and a label (name-based, RFC 9562 version 8 layout over SHA-256): the ids an
    /// export gives nested HSDS objects that CareBridge keeps no id for, so two exports of one record are equal.
    public static func derived(from base: UUID, _ label: String) -> UUID {
        var hasher = SHA256()
        withUnsafeBytes(of: base.uuid) { hasher.update(bufferPointer: $0) }
        hasher.update(data: Data(label.utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// The fixed namespace of CareBridge's own HSDS taxonomy ids.
    static let taxonomyNamespace = UUID(uuidString: "6f1c1a52-3c0e-4d55-9a64-5a1f3c2b7e01")!
}

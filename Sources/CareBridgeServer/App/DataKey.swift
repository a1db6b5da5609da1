import CareBridgeCore
import CareBridgeStore
import Foundation

/// Where the master key for encrypted fields comes from: the configuration (`CAREBRIDGE_DATA_KEY`), else, for an
/// embedded SQLite file, `<database>.key` beside it, created on first start readable by its owner only.
/// The key is never stored in the database, so a copied database file alone does not reveal documents or contacts.
public enum DataKey {
    public static func cipher(for configuration: AppConfiguration) throws -> FieldCipher {
        if let key = configuration.dataKey { return try FieldCipher(master: key) }
        let url = configuration.databaseURL
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            throw CareBridgeError(.badRequest, title: "No data key",
                                  detail: "Set CAREBRIDGE_DATA_KEY to 32 random bytes in base64 (e.g. `openssl rand -base64 32`); PostgreSQL deployments keep the key outside the database.")
        }
        let path = (url.hasPrefix("sqlite:") ? String(url.dropFirst(7)) : url)
        if path.isEmpty || path == ":memory:" { return try FieldCipher(master: FieldCipher.generateMaster()) }
        let keyPath = path + ".key"
        if let text = try? String(contentsOfFile: keyPath, encoding: .utf8) {
            guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw CareBridgeError(.badRequest, title: "Bad key file", detail: "\(keyPath) does not hold a base64 key.")
            }
            return try FieldCipher(master: data)
        }
        let master = FieldCipher.generateMaster()
        guard FileManager.default.createFile(atPath: keyPath, contents: Data((master.base64EncodedString() + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CareBridgeError(.storage, title: "Cannot write key file", detail: "Could not create \(keyPath) for the data key.")
        }
        return try FieldCipher(master: master)
    }
}

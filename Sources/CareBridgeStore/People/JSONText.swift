import CareBridgeCore

/// JSON for the few small values stored as text (other spellings, languages, contact details), written by hand:
/// Foundation's JSONEncoder was a fifth of the CPU time of a bulk registration. Read back with JSONDecoder, whose
/// key names these match (the types' synthesized Codable keys).
enum JSONText {
    static func string(_ s: String) -> String {
        // Nothing to escape (the usual case): the text as it is, between quotes; else the one JSON string writer.
        if !s.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) { return "\"" + s + "\"" }
        return JSON.quoted(s)
    }

    static func object(_ members: [(String, String?)]) -> String {
        "{" + members.compactMap { key, value in value.map { string(key) + ":" + string($0) } }.joined(separator: ",") + "}"
    }

    static func strings(_ values: [String]) -> String {
        "[" + values.map(string).joined(separator: ",") + "]"
    }

    static func names(_ names: some Sequence<PersonName>) -> String {
        "[" + names.map { object([("given", $0.given), ("family", $0.family), ("patronymic", $0.patronymic), ("script", $0.script.rawValue)]) }
            .joined(separator: ",") + "]"
    }

    static func contact(_ c: ContactDetails) -> String {
        object([("phone", c.phone), ("email", c.email), ("address", c.address)])
    }
}

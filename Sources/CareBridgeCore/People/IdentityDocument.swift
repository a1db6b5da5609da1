import Foundation

/// Kinds of identity and status papers a migrant may hold.
public enum DocumentType: String, Codable, Sendable, CaseIterable {
    case passport
    case residencePermit = "residence-permit"
    case refugeeCertificate = "refugee-certificate"
    case asylumSeekerCertificate = "asylum-seeker-certificate"
    case protectionCertificate = "protection-certificate"
    case statelessTravelDocument = "stateless-person-travel-document"
    case birthCertificate = "birth-certificate"
    case migrationCard = "migration-card"
    case other
}

/// An identity document. The number is kept in memory in the clear and stored only encrypted,
/// with a keyed hash of its normalized form for lookup.
public struct IdentityDocument: Codable, Sendable, Hashable {
    public var type: DocumentType
    public var issuingCountry: String
    public var number: String

    public init(type: DocumentType, issuingCountry: String, number: String) {
        (self.type, self.issuingCountry, self.number) = (type, issuingCountry, number)
    }

    /// The number as compared: letters and digits only, upper case ("AB 123-456" = "ab123456").
    public static func normalize(_ number: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in number.unicodeScalars {
            if scalar.isASCII {
                let v = scalar.value
                if (48...57).contains(v) || (65...90).contains(v) { out.append(scalar) }
                else if (97...122).contains(v) { out.append(Unicode.Scalar(v - 32)!) }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                out.append(contentsOf: scalar.properties.uppercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

    /// What the keyed hash is computed over: the same document typed twice gives the same key.
    public var lookupValue: String { "\(type.rawValue)|\(issuingCountry)|\(Self.normalize(number))" }

    public func validate(field: String, countries: CountryTable) throws -> IdentityDocument {
        var copy = self
        copy.issuingCountry = try countries.country(issuingCountry, field: "\(field).issuingCountry")
        let normalized = Self.normalize(number)
        guard (3...32).contains(normalized.count) else {
            throw CareBridgeError.invalid("\(field).number", "\(field).number must have 3 to 32 letters or digits.")
        }
        copy.number = number.trimmed
        return copy
    }
}

/// The paper that shows a legal status: its type and, optionally, its number (encrypted at rest).
public struct DocumentReference: Codable, Sendable, Hashable {
    public var type: DocumentType
    public var number: String?
    public var issuedBy: String?

    public init(type: DocumentType, number: String?, issuedBy: String?) {
        (self.type, self.number, self.issuedBy) = (type, number, issuedBy)
    }

    func validate(field: String) throws {
        if let number { try TextRules.required(number, field: "\(field).number", max: 64) }
        if let issuedBy { try TextRules.required(issuedBy, field: "\(field).issuedBy", max: 200) }
    }
}

/// How to reach a person; encrypted at rest as one value.
public struct ContactDetails: Codable, Sendable, Hashable {
    public var phone: String?
    public var email: String?
    public var address: String?

    public init(phone: String? = nil, email: String? = nil, address: String? = nil) {
        (self.phone, self.email, self.address) = (phone, email, address)
    }

    public var isEmpty: Bool { [phone, email, address].allSatisfy { ($0 ?? "").isEmpty } }

    /// The phone as compared between records: its last nine digits, the subscriber number with its operator code,
    /// so "+375 29 123-45-67" and the domestic "8 029 123 45 67" are the same phone. Nil without enough digits.
    public var phoneLookupValue: String? {
        guard var phone else { return nil }
        // All-ASCII (the usual case): every byte is its own character, so the digits are the bytes 0-9.
        let ascii: String?? = phone.withUTF8 { utf8 -> String?? in
            guard utf8.allSatisfy({ $0 < 128 }) else { return .none }
            let digits = utf8.filter { (48...57).contains($0) }
            return .some(digits.count >= 7 ? "phone|" + String(decoding: digits.suffix(9), as: UTF8.self) : nil)
        }
        if let ascii { return ascii }
        let digits = phone.filter(\.isASCII).filter(\.isNumber)
        return digits.count >= 7 ? "phone|" + String(digits.suffix(9)) : nil
    }

    public func validate() throws {
        if let phone, !phone.isEmpty {
            let digits = phone.filter(\.isNumber)
            guard (5...15).contains(digits.count), phone.allSatisfy({ $0.isNumber || " +-()".contains($0) }) else {
                throw CareBridgeError.invalid("contact.phone", "contact.phone must be a telephone number such as +375 29 123 45 67.")
            }
        }
        if let email, !email.isEmpty {
            let parts = email.split(separator: "@")
            guard parts.count == 2, parts[1].contains("."), !email.contains(" "), email.count <= 254 else {
                throw CareBridgeError.invalid("contact.email", "contact.email '\(email)' is not an e-mail address.")
            }
        }
        if let address { try TextRules.optional(address, field: "contact.address", max: 500) }
    }
}

/// Length and emptiness checks for free text, naming the field.
public enum TextRules {
    public static func required(_ value: String, field: String, max: Int) throws {
        let trimmed = value.trimmed
        // A character has at least one byte: within `max` bytes, no need to count characters.
        guard !trimmed.isEmpty, value.utf8.count <= max || value.count <= max else {
            throw CareBridgeError.invalid(field, "\(field) must have 1 to \(max) characters.")
        }
    }

    public static func optional(_ value: String, field: String, max: Int) throws {
        guard value.count <= max else { throw CareBridgeError.invalid(field, "\(field) must have at most \(max) characters.") }
    }
}

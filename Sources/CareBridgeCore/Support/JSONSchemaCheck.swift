import Foundation

/// Checks a JSON value against a JSON Schema, for the keywords the HSDS 3.0 compiled schemas use: `type`,
/// `properties`, `required`, `items`, `enum` and `format` (uuid, uri, email, date, date-time). Other keywords are
/// ignored, so a schema using more than these is checked less strictly, never wrongly. Every problem is reported,
/// each with the JSONPath of the value (`$.services[2].name`), so a file can be fixed in one pass.
public enum JSONSchemaCheck {
    public struct Problem: Codable, Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    public static func problems(of value: JSON, against schema: JSON, at path: String = "$") -> [Problem] {
        var problems: [Problem] = []
        check(value, schema, path, &problems)
        return problems
    }

    private static func check(_ value: JSON, _ schema: JSON, _ path: String, _ problems: inout [Problem]) {
        if let types = schema["type"].map(typeNames), !types.isEmpty, !types.contains(where: { matches(value, $0) }) {
            problems.append(Problem(path: path, reason: "must be \(types.joined(separator: " or ")), is \(typeName(of: value))"))
            return
        }
        if let allowed = schema["enum"]?.array, !allowed.contains(value) {
            problems.append(Problem(path: path, reason: "must be one of \(allowed.map { String(decoding: $0.encoded(), as: UTF8.self) }.joined(separator: ", "))"))
        }
        if case .string(let text) = value, let format = schema["format"]?.string, let reason = formatProblem(text, format) {
            problems.append(Problem(path: path, reason: reason))
        }
        switch value {
        case .object(let members):
            for case .string(let name) in schema["required"]?.array ?? [] where members[name] == nil {
                problems.append(Problem(path: path, reason: "required property '\(name)' is missing"))
            }
            if let properties = schema["properties"]?.object {
                for name in members.keys.sorted() {
                    if let member = members[name], let propertySchema = properties[name] { check(member, propertySchema, path + "." + name, &problems) }
                }
            }
        case .array(let elements):
            if let items = schema["items"] {
                for (index, element) in elements.enumerated() { check(element, items, "\(path)[\(index)]", &problems) }
            }
        default: break
        }
    }

    private static func typeNames(_ type: JSON) -> [String] {
        switch type {
        case .string(let name): [name]
        case .array(let names): names.compactMap(\.string)
        default: []
        }
    }

    private static func matches(_ value: JSON, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number): true
        case ("integer", .number(let number)): number == number.rounded()
        default: false
        }
    }

    private static func typeName(of value: JSON) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    private static func formatProblem(_ text: String, _ format: String) -> String? {
        switch format {
        case "uuid":
            return UUID(uuidString: text) == nil ? "must be a UUID" : nil
        case "uri":
            guard let url = URL(string: text), let scheme = url.scheme, !scheme.isEmpty else { return "must be an absolute URI" }
            return nil
        case "email":
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ") ? nil : "must be an e-mail address"
        case "date":
            return (try? CalendarDay(parsing: text, field: "date")) == nil ? "must be a date (YYYY-MM-DD)" : nil
        case "date-time":
            return ISO8601DateFormatter().date(from: text) == nil ? "must be a date-time (RFC 3339)" : nil
        default:
            return nil
        }
    }
}

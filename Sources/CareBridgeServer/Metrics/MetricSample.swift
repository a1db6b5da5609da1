import Foundation

/// One sample of the Prometheus text exposition format, as `/metrics` serves it: `name{label="value",...} value`
/// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format). Read back by the benchmarks (the
/// server's own latency share) and by tests (what the server counted).
public struct MetricSample: Sendable, Equatable {
    public var name: String
    public var labels: [String: String]
    public var value: Double

    public init(name: String, labels: [String: String], value: Double) {
        self.name = name
        self.labels = labels
        self.value = value
    }

    /// Every sample of `text`; comment lines (`# HELP`, `# TYPE`) and lines it cannot read are skipped. Label values
    /// may hold commas, braces and the format's escapes (`\\`, `\"`, `\n`); a value may be `+Inf`, `-Inf` or `NaN`.
    /// A timestamp after the value is ignored.
    public static func parse(_ text: String) -> [MetricSample] {
        text.split(separator: "\n").compactMap { sample(Substring($0)) }
    }

    static func sample(_ line: Substring) -> MetricSample? {
        let line = line.drop { $0 == " " || $0 == "\t" }
        guard let first = line.first, first != "#" else { return nil }
        let nameEnd = line.firstIndex { $0 == "{" || $0 == " " || $0 == "\t" } ?? line.endIndex
        let name = String(line[..<nameEnd])
        var rest = line[nameEnd...].drop { $0 == " " || $0 == "\t" }
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while true {
                rest = rest.drop { $0 == " " || $0 == "," }
                if rest.first == "}" {
                    rest = rest.dropFirst()
                    break
                }
                guard let equals = rest.firstIndex(of: "=") else { return nil }
                let label = rest[..<equals].trimmingCharacters(in: .whitespaces)
                rest = rest[rest.index(after: equals)...].drop { $0 == " " }
                guard rest.first == "\"" else { return nil }
                rest = rest.dropFirst()
                var value = ""
                var escaped = false
                var closed = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        value.append(character == "n" ? "\n" : character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(character)
                    }
                }
                guard closed else { return nil }
                labels[label] = value
            }
        }
        guard let number = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).first, let value = Self.number(number) else { return nil }
        return MetricSample(name: name, labels: labels, value: value)
    }

    static func number(_ text: Substring) -> Double? {
        switch text {
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default: return Double(text)
        }
    }
}

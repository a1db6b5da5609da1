import Foundation

/// A node of an SVG document, rendered as strict XML: every text and attribute value escaped, so a localized label
/// such as `<&>` or `"` stays text. (Plot leaves attribute values as they are and keeps `&name;` sequences, which an
/// XML parser rejects; the charts build their SVG with this instead and hand Plot the finished markup.)
struct SVGNode: Sendable {
    var name: String
    var attributes: [(String, String)]
    var children: [SVGNode]
    var text: String?

    /// An element; attributes with a nil value are left out.
    init(_ name: String, _ attributes: [(String, String?)] = [], _ children: [SVGNode] = []) {
        self.name = name
        self.attributes = attributes.compactMap { key, value in value.map { (key, $0) } }
        self.children = children
    }

    /// An element holding only text (`<text>`, `<title>`, `<desc>`).
    init(_ name: String, _ attributes: [(String, String?)] = [], text: String) {
        self.init(name, attributes)
        self.text = text
    }

    var markup: String {
        var out = "<\(name)"
        for (key, value) in attributes { out += " \(key)=\"\(Self.escape(value))\"" }
        if let text { return out + ">\(Self.escape(text))</\(name)>" }
        if children.isEmpty { return out + "/>" }
        return out + ">" + children.map(\.markup).joined() + "</\(name)>"
    }

    /// Text or an attribute value with & < > " ' as character references (SVG here, and every `El` attribute).
    static func escape(_ s: String) -> String { s.xmlEscaped }
}

/// Coordinates and lengths as SVG writes them: one decimal, a dot whatever the reader's language.
func svgNumber(_ x: Double) -> String {
    let rounded = (x * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
}

/// An element id made only of letters, digits and hyphens, so a caller's id cannot break out of an attribute or a
/// `url(#…)` reference.
func svgID(_ s: String) -> String {
    let kept = s.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" }
    return kept.isEmpty ? "chart" : String(kept)
}

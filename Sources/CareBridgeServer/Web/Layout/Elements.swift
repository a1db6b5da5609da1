import Plot

/// Any HTML element as a Plot component, for the elements Plot has no component for
/// (main, select, option, dl, ...), with attributes given as pairs.
struct El: Component {
    let name: String
    var attributes: [(String, String?)] = []
    var content: ContentProvider

    init(_ name: String, _ attributes: [(String, String?)] = [], @ComponentBuilder content: @escaping ContentProvider = { ComponentGroup(members: []) }) {
        self.name = name
        self.attributes = attributes
        self.content = content
    }

    var body: Component {
        // A nil value leaves the attribute out; an empty one is kept (an <option value=""> must submit "", not its label).
        // Plot writes attribute values as given: escape them here, or a quote in a name or a typed value would end
        // the attribute (and let stored text write markup).
        let nodes: [Node<HTML.BodyContext>] = attributes.compactMap { name, value in
            value.map { Node.attribute(named: name, value: SVGNode.escape($0), ignoreIfValueIsEmpty: false) }
        } + [.component(content())]
        return Node<HTML.BodyContext>.element(named: name, nodes: nodes)
    }
}

/// A labelled form field; the label's `for` points at the control, as screen readers need.
struct Field: Component {
    var label: String
    var name: String
    var type: String = "text"
    var value: String? = nil
    var required = false
    var hint: String? = nil
    var autocomplete: String? = nil
    /// Distinguishes same-named fields of several forms on one page (ids must be unique).
    var form: String = ""

    var body: Component {
        let id = form.isEmpty ? name : "\(form)-\(name)"
        return Div {
            El("label", [("for", "f-\(id)")]) { Text(label) }
            El("input", [("id", "f-\(id)"), ("name", name), ("type", type), ("value", value),
                         ("required", required ? "required" : nil), ("autocomplete", autocomplete),
                         ("aria-describedby", hint == nil ? nil : "h-\(id)")])
            if let hint { Paragraph(hint).class("hint").id("h-\(id)") }
        }.class("field")
    }
}

/// A labelled drop-down list.
struct SelectField: Component {
    var label: String
    var name: String
    var options: [(value: String, label: String)]
    var selected: String? = nil
    var form: String = ""

    var body: Component {
        let id = form.isEmpty ? name : "\(form)-\(name)"
        return Div {
            El("label", [("for", "f-\(id)")]) { Text(label) }
            El("select", [("id", "f-\(id)"), ("name", name)]) {
                for option in options {
                    El("option", [("value", option.value), ("selected", option.value == selected ? "selected" : nil)]) { Text(option.label) }
                }
            }
        }.class("field")
    }
}

/// The hidden field carrying the session's CSRF token; every form that changes something has it.
struct CSRFField: Component {
    var token: String
    var body: Component { El("input", [("type", "hidden"), ("name", "_csrf"), ("value", token)]) }
}

/// A message box: errors are announced to screen readers at once.
struct Notice: Component {
    enum Kind: String { case error, success, info }
    var kind: Kind
    var text: String
    var body: Component {
        El("div", [("class", "notice notice-\(kind.rawValue)"), ("role", kind == .error ? "alert" : "status")]) { Text(text) }
    }
}

/// A wide table in a region that scrolls sideways on a narrow screen; the region is named and reachable by keyboard,
/// so the part out of view can be scrolled to without a mouse.
struct ScrollRegion: Component {
    var label: String
    var content: ContentProvider

    init(label: String, @ComponentBuilder content: @escaping ContentProvider) {
        self.label = label
        self.content = content
    }

    var body: Component {
        El("div", [("class", "table-scroll"), ("role", "region"), ("aria-label", label), ("tabindex", "0")]) { content() }
    }
}

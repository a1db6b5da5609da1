import CareBridgeCore
import Foundation
import Plot

/// A transmission chain drawn on the server as SVG: one column per generation from the earliest known source, left to
/// right, one box per person linking to their page, cases filled and named with their classification, arrows from the
/// case to each person it exposed labelled with the exposure. The same edges follow as a data table, so the chain is
/// readable without the picture.
struct TransmissionChainView: Component {
    var graph: TransmissionGraph
    /// The person of the case the page is about, drawn with a heavier border.
    var current: UUID
    var labels: HealthPeopleLabels
    var text: HealthText

    static let column = 330, boxWidth = 200, boxHeight = 52, row = 78, margin = 16

    /// The label of a person in the chain: their name and code where the user may see them, else "Person n" by
    /// drawing order; `short` leaves the code out (for the boxes).
    func name(_ id: UUID, short: Bool = false) -> String {
        if let name = short ? labels.shortNames[id] : labels.names[id] { return name }
        let number = (graph.nodes.firstIndex { $0.personID == id } ?? 0) + 1
        return text.l("chain.person", ["number": text.l.number(number)])
    }

    func caseLabel(_ node: TransmissionGraph.Node) -> String {
        guard let disease = node.disease, let classification = node.classification else { return text.l("chain.contact") }
        return text.l("chain.case", ["disease": text.disease(disease), "classification": text.classification(classification)])
    }

    static func short(_ s: String, _ limit: Int = 24) -> String { s.count <= limit ? s : String(s.prefix(limit - 1)) + "…" }

    var body: Component {
        let l = text.l
        let generations = (graph.nodes.map(\.generation).max() ?? 0) + 1
        let rows = Dictionary(grouping: graph.nodes, by: \.generation).values.map(\.count).max() ?? 1
        let width = Self.margin * 2 + (generations - 1) * Self.column + Self.boxWidth
        let height = Self.margin * 2 + (rows - 1) * Self.row + Self.boxHeight
        let at = Dictionary(graph.nodes.map { ($0.personID, (x: Self.margin + $0.generation * Self.column, y: Self.margin + $0.position * Self.row)) },
                            uniquingKeysWith: { a, _ in a })
        let cases = graph.nodes.filter { $0.caseID != nil }.count
        return ComponentGroup {
            Div {
                // Drawn left to right in every language; text inside follows its own script's direction.
                El("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(width) \(height)"), ("width", "\(width)"), ("height", "\(height)"),
                           ("role", "group"), ("aria-labelledby", "chain-title chain-desc"), ("class", "chain"), ("direction", "ltr")]) {
                    El("title", [("id", "chain-title")]) { Text(l("chain.title")) }
                    El("desc", [("id", "chain-desc")]) {
                        Text(l("chain.desc", ["people": l.number(graph.nodes.count), "generations": l.number(generations), "cases": l.number(cases)]))
                    }
                    El("defs") {
                        El("marker", [("id", "chain-arrow"), ("viewBox", "0 0 10 10"), ("refX", "10"), ("refY", "5"), ("markerWidth", "8"),
                                      ("markerHeight", "8"), ("orient", "auto-start-reverse")]) {
                            El("path", [("d", "M 0 0 L 10 5 L 0 10 z"), ("fill", "#57606a")])
                        }
                    }
                    for edge in graph.edges {
                        if let from = at[edge.from], let to = at[edge.to] {
                            let (x1, y1) = (from.x + Self.boxWidth, from.y + Self.boxHeight / 2)
                            let (x2, y2) = (to.x, to.y + Self.boxHeight / 2)
                            El("g", [("class", "chain-edge")]) {
                                El("line", [("x1", "\(x1)"), ("y1", "\(y1)"), ("x2", "\(x2)"), ("y2", "\(y2)"), ("stroke", "#57606a"),
                                            ("stroke-width", "1.5"), ("marker-end", "url(#chain-arrow)")])
                                // The exposure is written just before the box it leads to, where labels of edges into
                                // different people cannot overlap.
                                El("text", [("x", "\(x2 - 12)"), ("y", "\(y2 - 6)"), ("text-anchor", "end"), ("font-size", "12"),
                                            ("fill", "#1b1f24"), ("stroke", "#ffffff"), ("stroke-width", "4"), ("paint-order", "stroke")]) {
                                    Text(text.exposure(edge.exposure))
                                }
                            }
                        }
                    }
                    for node in graph.nodes {
                        if let p = at[node.personID] {
                            let isCase = node.caseID != nil
                            El("a", [("href", SiteURL.person(node.personID)), ("aria-label", "\(name(node.personID)), \(caseLabel(node))"),
                                     ("class", isCase ? "chain-node chain-case" : "chain-node")]) {
                                El("rect", [("x", "\(p.x)"), ("y", "\(p.y)"), ("width", "\(Self.boxWidth)"), ("height", "\(Self.boxHeight)"), ("rx", "6"),
                                            ("fill", isCase ? "#fde7e4" : "#ffffff"), ("stroke", isCase ? "#b42318" : "#57606a"),
                                            ("stroke-width", node.personID == current ? "3" : "1.5")])
                                El("text", [("x", "\(p.x + Self.boxWidth / 2)"), ("y", "\(p.y + 20)"), ("text-anchor", "middle"), ("font-size", "13"),
                                            ("fill", "#0b5cad"), ("text-decoration", "underline")]) {
                                    Text(Self.short(name(node.personID, short: true), 26))
                                }
                                El("text", [("x", "\(p.x + Self.boxWidth / 2)"), ("y", "\(p.y + 39)"), ("text-anchor", "middle"), ("font-size", "12"),
                                            ("fill", isCase ? "#8a1c12" : "#1b1f24"), ("font-weight", isCase ? "700" : "400")]) {
                                    Text(Self.short(caseLabel(node), 28))
                                }
                            }
                        }
                    }
                }
            }.class("chain-figure")
            if graph.edges.isEmpty {
                Paragraph(l("chain.no-edges"))
            } else {
                let byPerson = Dictionary(graph.nodes.map { ($0.personID, $0) }, uniquingKeysWith: { a, _ in a })
                ScrollRegion(label: l("chain.table")) { Table(caption: TableCaption(l("chain.table")),
                            header: TableRow {
                                TableHeaderCell(l("chain.col.from")); TableHeaderCell(l("chain.col.to")); TableHeaderCell(l("chain.col.exposure"))
                                TableHeaderCell(l("chain.col.generation"))
                            }) {
                    for edge in graph.edges {
                        TableRow {
                            TableCell {
                                Link(name(edge.from), url: SiteURL.person(edge.from))
                                if let node = byPerson[edge.from] { Paragraph(caseLabel(node)).class("hint") }
                            }
                            TableCell {
                                Link(name(edge.to), url: SiteURL.person(edge.to))
                                if let node = byPerson[edge.to] { Paragraph(caseLabel(node)).class("hint") }
                            }
                            TableCell(text.exposure(edge.exposure))
                            TableCell(byPerson[edge.to].map { l.number($0.generation) } ?? "—")
                        }
                    }
                }.class("data chain-edges") }
            }
        }
    }
}

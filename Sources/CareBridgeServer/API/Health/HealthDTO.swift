import CareBridgeCore
import Foundation

/// `GET /api/v1/people/{id}/screening`: what to offer and why (in words and in figures), and the person's cascade.
struct ScreeningBody: Encodable {
    struct Item: Encodable {
        var condition: String
        var status: String
        var test: String
        var loinc: [String]
        var reason: String
        var measure: String
        var origin: String?
        var originBasis: String
        var figure: CountryEpidemiology.Figure?
        var figureSource: CountryEpidemiology.Source?
        var threshold: Double?
        var ruleSource: CountryEpidemiology.Source
        var monthsSinceArrival: Int?
        var age: Int?
        var lastScreenedOn: CalendarDay?
    }
    var personId: String
    var date: CalendarDay
    var items: [Item]
    var cascade: [CascadeItem]

    init(_ screening: HealthService.Screening, date: CalendarDay, countries: CountryTable, language: String) {
        personId = Hex.uuid(screening.person.id)
        self.date = date
        items = screening.recommendations.map { r in
            Item(condition: r.condition.rawValue, status: r.status.rawValue, test: r.test, loinc: r.loinc,
                 reason: r.explanation { countries.name(of: $0, language: "en") }, measure: r.measure.rawValue, origin: r.origin,
                 originBasis: r.originBasis.rawValue, figure: r.figure, figureSource: r.figureSource, threshold: r.threshold, ruleSource: r.ruleSource,
                 monthsSinceArrival: r.monthsSinceArrival, age: r.age, lastScreenedOn: r.lastScreenedOn)
        }
        cascade = screening.cascades.map(CascadeItem.init)
    }
}

/// One disease's cascade for a person: each stage reached, with its day where known (null when reached undated).
struct CascadeItem: Encodable {
    var disease: String
    var stages: [String: String?]
    init(_ cascade: PersonCascade) {
        disease = cascade.disease.rawValue
        stages = Dictionary(uniqueKeysWithValues: cascade.stages.map { ($0.key.rawValue, $0.value?.description) })
    }
}

/// A person's records and the contact records that name them.
struct HistoryBody: Encodable {
    var items: [HealthRecord]
    var exposures: [HealthRecord]
}

/// A transmission chain: people (with their case where they have one) and who exposed whom.
struct ChainBody: Encodable {
    struct Node: Encodable { var personId: String; var caseId: String?; var disease: String?; var classification: String?; var generation: Int; var position: Int }
    struct Edge: Encodable { var from: String; var to: String; var exposure: String }
    var nodes: [Node]
    var edges: [Edge]
    init(_ graph: TransmissionGraph) {
        nodes = graph.nodes.map { Node(personId: Hex.uuid($0.personID), caseId: $0.caseID.map(Hex.uuid), disease: $0.disease?.rawValue,
                                       classification: $0.classification?.rawValue, generation: $0.generation, position: $0.position) }
        edges = graph.edges.map { Edge(from: Hex.uuid($0.from), to: Hex.uuid($0.to), exposure: $0.exposure.rawValue) }
    }
}

/// The population cascade, each count under five suppressed (null, with `suppressed` true).
struct CascadeBody: Encodable {
    struct Cell: Encodable { var count: Int?; var suppressed: Bool }
    var date: CalendarDay
    var people: Int
    var diseases: [String: [String: Cell]]
    init(_ cascade: PopulationCascade) {
        date = cascade.date
        people = cascade.people
        diseases = Dictionary(uniqueKeysWithValues: cascade.counts.map { disease, stages in
            (disease.rawValue, Dictionary(uniqueKeysWithValues: stages.map { stage, count in
                // Stages are a funnel, not parts of a whole: each count is published or hidden on its own.
                (stage.rawValue, SmallCells.suppress([count])[0].map { Cell(count: $0, suppressed: false) } ?? Cell(count: nil, suppressed: true))
            }))
        })
    }
}

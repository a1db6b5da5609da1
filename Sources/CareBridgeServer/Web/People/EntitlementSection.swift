import CareBridgeCore
import Foundation
import Plot

/// The person page's entitlements panel: every care type's outcome on the standing's day, the rules that decided it
/// and those set aside, each with its legal basis.
struct EntitlementSection: Component {
    var entitlements: (inForce: RuleSetRegistry.InForce, decisions: [CareDecision])?
    var day: CalendarDay?
    var page: PageContext

    var body: Component {
        let l = page.l
        return El("section", [("aria-labelledby", "entitlements-h"), ("id", "entitlements")]) {
            El("h2", [("id", "entitlements-h")]) { Text(l("person.entitlements")) }
            if let entitlements, let day {
                let set = entitlements.inForce.table.ruleSet
                Paragraph(l("person.entitlements-on", ["date": day.description, "ruleset": "\(set.country) \(set.version)"]))
                Div { Table(caption: TableCaption(l("person.entitlements")),
                            header: TableRow { TableHeaderCell(l("entitlement.col.care")); TableHeaderCell(l("entitlement.col.outcome")); TableHeaderCell(l("entitlement.col.why")) }) {
                    for d in entitlements.decisions {
                        TableRow {
                            TableCell(l("care.\(d.care.rawValue)"))
                            TableCell(NavigatorPage.outcome(d.outcome, l: l)).class("outcome-\(d.outcome.kind.rawValue)")
                            TableCell {
                                for rule in d.applied {
                                    Paragraph {
                                        El("strong") { Text(rule.id) }
                                        Text(" — " + (set.bases[rule.basis]?.title ?? rule.basis))
                                    }
                                }
                                for o in d.overridden {
                                    Paragraph(l("entitlement.overridden", ["rule": o.rule.id, "by": o.by.id])).class("hint")
                                }
                            }
                        }
                    }
                }.class("data") }.class("table-scroll")
            } else {
                Paragraph(l("person.entitlements-none"))
            }
        }
    }
}

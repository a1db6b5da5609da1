import CareBridgeCore
import Foundation
import Plot

/// On the person's page: their referrals that the user's organization sent or received, and the way to refer them.
struct PersonReferralsSection: Component {
    var personID: UUID
    var views: [ReferralService.View]
    var labels: ReferralLabels
    var page: PageContext
    var dates: ReferralDates

    var body: Component {
        let l = page.l
        return El("section", [("aria-labelledby", "referrals-h")]) {
            El("h2", [("id", "referrals-h")]) { Text(l("referrals.title")) }
            Paragraph { Link(l("refer.link"), url: SiteURL.refer(personID)) }
            if views.isEmpty {
                Paragraph(l("referrals.empty"))
            } else {
                Div { Table(
                    caption: TableCaption(l("referrals.title")),
                    header: TableRow {
                        TableHeaderCell(l("referrals.col.service")); TableHeaderCell(l("referral.from")); TableHeaderCell(l("referral.to"))
                        TableHeaderCell(l("referrals.col.state")); TableHeaderCell(l("referrals.col.changed"))
                    }
                ) {
                    for view in views {
                        let r = view.referral
                        TableRow {
                            TableCell { Link(labels.service(r.serviceID, l), url: SiteURL.referral(r.id)) }
                            TableCell(labels.organization(r.fromOrganizationID)); TableCell(labels.organization(r.toOrganizationID))
                            TableCell(l("referral.state.\(r.state.rawValue)") + (view.overdueSince == nil ? "" : " · " + l("referrals.overdue")))
                            TableCell(dates.text(r.updatedAt))
                        }
                    }
                }.class("data") }.class("table-scroll")
            }
        }
    }
}

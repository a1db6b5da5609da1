import CareBridgeCore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// What every page needs from the request: who is signed in, their language, and where they are.
struct PageContext {
    var identity: Identity?
    var l: Localizer
    var path: String
    var csrf: String { identity?.csrf ?? "" }
}

extension AppRequestContext {
    func page(_ request: Request) -> PageContext {
        PageContext(identity: identity, l: Catalogs.localizer(language), path: request.uri.path)
    }
}

/// The frame every page shares: header with the user and organization, navigation by role,
/// the language switcher, one main landmark with one h1, and a footer.
struct PageShell {
    var title: String
    var page: PageContext
    var current: String = ""
    var notice: Notice? = nil

    func render(@ComponentBuilder content: @escaping () -> Component) -> String {
        let l = page.l
        let document = HTML(
            .attribute(named: "lang", value: l.language),
            .attribute(named: "dir", value: l.isRightToLeft ? "rtl" : "ltr"),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(title) · CareBridge"),
                .link(.rel(.stylesheet), .href(SiteURL.stylesheet)),
                .link(.rel(.icon), .href(SiteURL.favicon), .type("image/svg+xml"))
            ),
            .body(.component(Div {
                El("a", [("class", "skip"), ("href", "#main")]) { Text(l("shell.skip")) }
                header
                El("main", [("id", "main")]) {
                    H1(title)
                    if let notice { notice }
                    content()
                }
                Footer { Paragraph(l("app.tagline", ["version": CareBridgeVersion.current])) }.class("site-footer")
            }.class("page")))
        )
        return "<!DOCTYPE html>" + document.render().replacingOccurrences(of: "<!DOCTYPE html>", with: "")
    }

    var header: Component {
        let l = page.l
        return Header {
            Div {
                El("a", [("class", "brand"), ("href", page.identity == nil ? SiteURL.publicHome : SiteURL.home)]) { Text("CareBridge") }
                LanguageSwitcher(page: page)
                if let identity = page.identity {
                    Paragraph(l("shell.who", ["user": identity.user.username, "organization": identity.organization.name(in: l.language),
                                              "role": l("role.\(identity.user.role.rawValue)")])).class("who")
                    Form(url: SiteURL.logout, method: .post) {
                        CSRFField(token: page.csrf)
                        El("button", [("type", "submit")]) { Text(l("shell.signout")) }
                    }.class("logout")
                } else if page.path != SiteURL.login {
                    El("a", [("href", SiteURL.login)]) { Text(l("shell.signin")) }
                }
            }.class("bar")
            if let identity = page.identity {
                El("nav", [("aria-label", l("shell.nav"))]) {
                    El("ul") {
                        for item in Navigation.items(for: identity) {
                            El("li") {
                                El("a", [("href", item.url), ("aria-current", item.url == current ? "page" : nil)]) { Text(l(item.key)) }
                            }
                        }
                    }
                }
            }
        }.class("site-header")
    }
}

/// A GET form that reloads the page in another language; works without JavaScript.
struct LanguageSwitcher: Component {
    var page: PageContext
    var body: Component {
        Form(url: page.path, method: .get) {
            El("label", [("for", "lang-select")]) { Text(page.l("shell.language")) }
            El("select", [("id", "lang-select"), ("name", "lang")]) {
                for catalog in Catalogs.languages {
                    El("option", [("value", catalog.language), ("lang", catalog.language),
                                  ("selected", catalog.language == page.l.language ? "selected" : nil)]) { Text(catalog.name) }
                }
            }
            El("button", [("type", "submit")]) { Text("✓") }.attribute(named: "aria-label", value: page.l("shell.language"))
        }.class("language")
    }
}

/// Which pages a role reaches from the navigation.
enum Navigation {
    struct Item { var key: String; var url: String }

    static func items(for identity: Identity) -> [Item] {
        var items = [Item(key: "nav.home", url: SiteURL.home)]
        if identity.user.role.opensPersonRecords { items.append(Item(key: "nav.people", url: SiteURL.people)) }
        if identity.user.role.handlesReferrals { items.append(Item(key: "nav.referrals", url: SiteURL.referrals)) }
        // Cases and continuity alerts are clinical work; the population cascade is a statistic (an aggregate read).
        if [.clinician, .publicHealthOfficer].contains(identity.user.role), !identity.organization.kind.isEnforcement {
            items.append(Item(key: "nav.cases", url: SiteURL.cases))
            items.append(Item(key: "nav.alerts", url: SiteURL.alerts))
        }
        if [.analyst, .publicHealthOfficer].contains(identity.user.role) { items.append(Item(key: "nav.cascade", url: SiteURL.cascade)) }
        // Outbreak alerts are counts (an aggregate read); the cases behind one are shown only where the policy allows.
        if [.analyst, .publicHealthOfficer].contains(identity.user.role) || ([.publicHealthService, .healthMinistry].contains(identity.organization.kind) && identity.user.role == .admin) {
            items.append(Item(key: "nav.outbreak-alerts", url: OutbreakAlertsPage.path))
        }
        // The surveillance dashboard is aggregates only: every role that reads statistics, enforcement included.
        if [.analyst, .publicHealthOfficer].contains(identity.user.role) || identity.organization.kind.isEnforcement {
            items.append(Item(key: "nav.surveillance", url: SurveillanceDashboardPage.path))
        }
        // Equity indicators are published statistics: analysts, public health, the ministry, and enforcement (aggregates only).
        if [.analyst, .publicHealthOfficer].contains(identity.user.role) || identity.organization.kind == .healthMinistry || identity.organization.kind.isEnforcement {
            items.append(Item(key: "nav.indicators", url: SiteURL.indicators))
        }
        if (try? identity.requireAnalysis()) != nil { items.append(Item(key: "nav.simulations", url: SiteURL.simulations)) }
        items.append(Item(key: "nav.rulesets", url: SiteURL.ruleSets))
        // The action plan is shared work of every organization, not person-level data.
        items.append(Item(key: "plans.nav", url: SiteURL.plans))
        items.append(Item(key: "nav.notifications", url: SiteURL.notifications))
        if identity.user.role == .admin {
            items.append(Item(key: "nav.webhooks", url: SiteURL.webhooks))
            if identity.organization.kind == .healthMinistry { items.append(Item(key: "nav.organizations", url: SiteURL.organizations)) }
            items.append(Item(key: "nav.accounts", url: SiteURL.users))
            items.append(Item(key: "nav.audit", url: SiteURL.audit))
            items.append(Item(key: "nav.directory", url: SiteURL.directory))
        }
        return items
    }
}

/// HTML responses and redirects.
enum HTMLResponse {
    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A page as a file to keep: the stylesheet written into it (so it reads the same offline, and prints with its
    /// print rules), offered as an attachment named `filename`.
    static func download(_ html: String, filename: String) -> Response {
        let css = StaticAssets.files["app.css"].map { String(decoding: $0.data, as: UTF8.self) } ?? ""
        let standalone = html.replacing(/<link rel="stylesheet" href="\/static\/app\.css"[^>]*>/, with: "<style>\n\(css)\n</style>")
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\""],
                        body: .init(byteBuffer: ByteBuffer(string: standalone)))
    }

    /// 303 See Other: after a form POST, the browser GETs the next page.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

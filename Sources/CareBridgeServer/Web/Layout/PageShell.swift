import CareBridgeCore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// The frame every page shares: header with the user and organization, navigation by role,
/// one main landmark with one h1, and a footer. Pages give a title and their content.
struct PageShell {
    var title: String
    var identity: Identity?
    var language: String = "en"
    var current: String = ""
    var notice: Notice? = nil

    func render(@ComponentBuilder content: @escaping () -> Component) -> String {
        let document = HTML(
            .attribute(named: "lang", value: language),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(title) · CareBridge"),
                .link(.rel(.stylesheet), .href(SiteURL.stylesheet))
            ),
            .body(.component(Div {
                El("a", [("class", "skip"), ("href", "#main")]) { Text("Skip to content") }
                header
                El("main", [("id", "main")]) {
                    H1(title)
                    if let notice { notice }
                    content()
                }
                Footer { Paragraph("CareBridge \(CareBridgeVersion.current): fair access to medical care for migrants.") }.class("site-footer")
            }.class("page")))
        )
        return "<!DOCTYPE html>" + document.render().replacingOccurrences(of: "<!DOCTYPE html>", with: "")
    }

    var header: Component {
        Header {
            Div {
                El("a", [("class", "brand"), ("href", identity == nil ? "/" : SiteURL.home)]) { Text("CareBridge") }
                if let identity {
                    Paragraph("\(identity.user.username) · \(identity.organization.name(in: language)) · \(identity.user.role.rawValue)").class("who")
                    Form(url: SiteURL.logout, method: .post) {
                        if case .session(_, let csrf) = identity.via { CSRFField(token: csrf) }
                        El("button", [("type", "submit")]) { Text("Sign out") }
                    }.class("logout")
                } else {
                    El("a", [("href", SiteURL.login)]) { Text("Sign in") }
                }
            }.class("bar")
            if let identity {
                El("nav", [("aria-label", "Main")]) {
                    El("ul") {
                        for item in Navigation.items(for: identity) {
                            El("li") {
                                El("a", [("href", item.url), ("aria-current", item.url == current ? "page" : nil)]) { Text(item.label) }
                            }
                        }
                    }
                }
            }
        }.class("site-header")
    }
}

/// Which pages a role reaches from the navigation.
enum Navigation {
    struct Item { var label: String; var url: String }

    static func items(for identity: Identity) -> [Item] {
        var items = [Item(label: "Home", url: SiteURL.home)]
        if identity.user.role == .admin {
            if identity.organization.kind == .healthMinistry { items.append(Item(label: "Organizations", url: SiteURL.organizations)) }
            items.append(Item(label: "Accounts", url: SiteURL.users))
            items.append(Item(label: "Audit log", url: SiteURL.audit))
        }
        return items
    }
}

/// HTML responses and redirects.
enum HTMLResponse {
    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// 303 See Other: after a form POST, the browser GETs the next page.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

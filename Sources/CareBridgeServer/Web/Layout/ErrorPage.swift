import CareBridgeCore
import Foundation
import Hummingbird
import Plot

/// The page a person sees when something goes wrong: what happened, in their language where
/// the reason is known, and for a refusal, the access policy's reason in plain words.
enum ErrorPage {
    static func render(_ error: CareBridgeError, request: Request, context: AppRequestContext) -> Response {
        if error.kind == .unauthorized, context.identity == nil, request.method == .get {
            return HTMLResponse.redirect(SiteURL.login + "?next=" + (request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/app"))
        }
        let page = context.page(request)
        let l = page.l
        let title = error.kind == .forbidden ? l("error.not-allowed") : error.kind == .notFound ? l("error.not-found") : l("error.title")
        let html = PageShell(title: title, page: page).render {
            Paragraph(detail(error, l)).class("lead")
            if error.kind == .forbidden, let reason = error.reason {
                Paragraph(l("error.reason-code", ["code": reason])).class("hint")
            }
            Paragraph(l("error.request-id", ["id": context.id])).class("hint")
            Link(l("error.back"), url: context.identity == nil ? SiteURL.publicHome : SiteURL.home)
        }
        var response = HTMLResponse.page(html, status: Problem.status(for: error.kind))
        if let retryAfter = error.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }

    /// The translated explanation when the reason is one we know; the English detail otherwise.
    static func detail(_ error: CareBridgeError, _ l: Localizer) -> String {
        if error.kind == .notFound { return l("error.not-found-detail") }
        guard let reason = error.reason else { return error.detail }
        if DenialReason(rawValue: reason) != nil { return l("deny.\(reason)") }
        switch reason {
        case "admin-only", "platform-admin-only", "other-organization", "csrf": return l("error.\(reason)")
        default: return error.detail
        }
    }
}

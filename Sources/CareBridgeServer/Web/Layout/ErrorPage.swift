import CareBridgeCore
import HTTPTypes
import Hummingbird
import Plot

/// The page a person sees when something goes wrong: what happened, in plain words, and
/// for a refusal, the access policy's reason.
enum ErrorPage {
    static func render(_ error: CareBridgeError, request: Request, context: AppRequestContext) -> Response {
        if error.kind == .unauthorized, context.identity == nil, request.method == .get {
            return HTMLResponse.redirect(SiteURL.login + "?next=" + (request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/app"))
        }
        let title = error.kind == .forbidden ? "Not allowed" : error.kind == .notFound ? "Page not found" : error.title
        let html = PageShell(title: title, identity: context.identity, language: context.language).render {
            Paragraph(error.detail).class("lead")
            if error.kind == .forbidden, let reason = error.reason {
                Paragraph("Reason code: \(reason). Ask your administrator if you think you should have access.").class("hint")
            }
            Paragraph("Request id: \(context.id)").class("hint")
            Link("Back to the start page", url: context.identity == nil ? SiteURL.publicHome : SiteURL.home)
        }
        var response = HTMLResponse.page(html, status: Problem.status(for: error.kind))
        if let retryAfter = error.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}

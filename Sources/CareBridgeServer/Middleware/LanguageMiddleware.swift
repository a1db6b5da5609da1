import Foundation
import HTTPTypes
import Hummingbird

/// Chooses the page language: `?lang=` (remembered in a cookie), then the cookie, then
/// Accept-Language, then English.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookie = "cb_lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var remember: String?
        if let asked = request.uri.queryParameters["lang"].flatMap({ Catalogs.match(String($0)) }) {
            context.language = asked
            remember = asked
        } else if let saved = request.cookies[Self.cookie].flatMap({ Catalogs.match($0.value) }) {
            context.language = saved
        } else if let header = request.headers[.acceptLanguage], let negotiated = Catalogs.negotiate(header) {
            context.language = negotiated
        }
        var response = try await next(request, context)
        if let remember {
            response.setCookie(Cookie(name: Self.cookie, value: remember, maxAge: 365 * 24 * 3600, path: "/", secure: true, httpOnly: true, sameSite: .lax))
        }
        return response
    }
}

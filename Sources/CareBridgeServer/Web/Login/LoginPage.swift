import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird
import Plot

/// Sign-in for staff. Before a session exists, the form is protected by a double-submit cookie.
enum LoginPage {
    struct Model {
        var username = ""
        var next = SiteURL.home
        var csrf: String
        var error: String?
    }

    static let csrfCookie = "cb_login_csrf"

    static func view(_ model: Model, page: PageContext) -> String {
        let l = page.l
        return PageShell(title: l("login.title"), page: page, notice: model.error.map { Notice(kind: .error, text: $0) }).render {
            Paragraph(l("login.intro"))
            Form(url: SiteURL.login, method: .post) {
                CSRFField(token: model.csrf)
                El("input", [("type", "hidden"), ("name", "next"), ("value", model.next)])
                Field(label: l("login.username"), name: "username", value: model.username, required: true, autocomplete: "username")
                Field(label: l("login.password"), name: "password", type: "password", required: true, autocomplete: "current-password")
                El("button", [("type", "submit")]) { Text(l("login.submit")) }
            }.class("card narrow")
        }
    }

    /// The sign-in failure in the page's language.
    static func message(for error: CareBridgeError, _ l: Localizer) -> String {
        if error.kind == .rateLimited { return l.plural("login.throttled", count: error.retryAfter ?? 60) }
        return error.reason == "account-disabled" ? l("login.disabled") : l("login.failed")
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get(RouterPath(SiteURL.login)) { request, context in
            if context.identity != nil { return HTMLResponse.redirect(SiteURL.home) }
            return show(Model(next: safeNext(request.uri.queryParameters["next"].map(String.init)), csrf: TokenSecret.make()), page: context.page(request))
        }
        router.post(RouterPath(SiteURL.login)) { request, context in
            let form = try await request.formFields(context: context)
            let next = safeNext(form["next"])
            var model = Model(username: form["username"] ?? "", next: next, csrf: TokenSecret.make())
            guard let presented = form["_csrf"], let expected = request.cookies[csrfCookie]?.value, constantTimeEqual(presented, expected) else {
                model.error = context.page(request).l("login.expired")
                return show(model, page: context.page(request), status: .forbidden)
            }
            do {
                let user = try await services.accounts.authenticate(username: model.username, password: form["password"] ?? "",
                                                                    address: context.clientAddress, requestID: context.id)
                let session = try await services.accounts.issue(.session, for: user, requestID: context.id)
                var response = HTMLResponse.redirect(next)
                response.setCookie(AuthMiddleware.sessionCookie(session.secret, lifetime: services.configuration.sessionLifetime))
                return response
            } catch let error as CareBridgeError where error.kind == .unauthorized || error.kind == .rateLimited {
                model.error = message(for: error, context.page(request).l)
                var response = show(model, page: context.page(request), status: error.kind == .rateLimited ? .tooManyRequests : .unauthorized)
                if let retryAfter = error.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
                return response
            }
        }
        router.post(RouterPath(SiteURL.logout)) { request, context in
            if let identity = context.identity, case .session(let secret, _) = identity.via {
                _ = try await services.accounts.revoke(secret: secret, identity: identity, requestID: context.id)
            }
            var response = HTMLResponse.redirect(SiteURL.login)
            response.setCookie(AuthMiddleware.expiredSessionCookie())
            return response
        }
    }

    static func show(_ model: Model, page: PageContext, status: HTTPResponse.Status = .ok) -> Response {
        var response = HTMLResponse.page(view(model, page: page), status: status)
        response.setCookie(Cookie(name: csrfCookie, value: model.csrf, maxAge: 3600, path: SiteURL.login, secure: true, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Only same-site paths, so the login form cannot be used to send someone elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/app"), !next.hasPrefix("//") else { return SiteURL.home }
        return next
    }
}

enum TokenSecret {
    static func make() -> String { CareBridgeStore.TokenRepository.randomSecret() }
}

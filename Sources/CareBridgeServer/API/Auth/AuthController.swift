import CareBridgeCore
import Foundation
import HTTPTypes
import Hummingbird

/// `POST /api/v1/auth/token` exchanges a username and password for a bearer token;
/// `DELETE /api/v1/auth/token` revokes the token it is called with.
enum AuthController {
    struct Credentials: Decodable {
        var username: String
        var password: String
    }

    struct TokenBody: Encodable {
        var token: String
        var expiresAt: Date
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.post(RouterPath(APIRoute.authToken.path)) { request, context in
            let credentials = try await request.decodeJSON(Credentials.self, context: context)
            let accounts = services.accounts
            let user = try await accounts.authenticate(username: credentials.username, password: credentials.password,
                                                       address: context.clientAddress, requestID: context.id)
            let issued = try await accounts.issue(.api, for: user, requestID: context.id)
            return try JSONResponse.make(TokenBody(token: issued.secret, expiresAt: issued.expiresAt), status: .created)
        }
        router.delete(RouterPath(APIRoute.authToken.path)) { request, context in
            let identity = try context.requireIdentity()
            guard case .bearer = identity.via, let header = request.headers[.authorization] else {
                throw CareBridgeError(.badRequest, title: "No token", detail: "Call this with the bearer token to revoke.")
            }
            _ = try await services.accounts.revoke(secret: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces),
                                                   identity: identity, requestID: context.id)
            return Response(status: .noContent)
        }
    }
}

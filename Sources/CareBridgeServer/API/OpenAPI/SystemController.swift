import CareBridgeCore
import CareBridgeStore
import Foundation
import HTTPTypes
import Hummingbird

/// `/healthz`, `/metrics` and the OpenAPI document.
enum SystemController {
    struct Health: Encodable {
        var status: String
        var database: String
        var version: String
    }

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.get("/healthz") { _, _ in
            try JSONResponse.make(Health(status: "ok", database: services.database.kind.rawValue, version: CareBridgeVersion.current))
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: services.metrics.render())))
        }
        router.get(RouterPath(APIRoute.openAPI.path)) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
                     body: .init(byteBuffer: ByteBuffer(bytes: try OpenAPIDocument.data())))
        }
    }
}

/// The OpenAPI 3.1 document shipped in Resources/openapi.json.
enum OpenAPIDocument {
    static func data() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources") else {
            throw CareBridgeError(.storage, title: "Missing resource", detail: "Resources/openapi.json is not in the build.")
        }
        return try Data(contentsOf: url)
    }
}

public enum CareBridgeVersion {
    public static let current = "0.1.0"
}

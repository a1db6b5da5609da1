import CareBridgeCore
import Foundation
import HTTPTypes
import Hummingbird

/// Our own stylesheet and scripts, read once from Resources/static and served from memory
/// (nothing is fetched from a CDN).
enum StaticAssets {
    static let files: [String: (data: Data, type: String)] = {
        var files: [String: (Data, String)] = [:]
        guard let folder = Bundle.module.url(forResource: "static", withExtension: nil, subdirectory: "Resources"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [:] }
        for name in names {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { continue }
            let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : name.hasSuffix(".svg") ? "image/svg+xml" : "application/octet-stream"
            files[name] = (data, type)
        }
        return files
    }()

    static func register(on router: Router<AppRequestContext>) {
        router.get("/static/:file") { _, context in
            guard let name = context.parameters.get("file"), let file = files[name] else { throw CareBridgeError.notFound("The file") }
            return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=3600"],
                            body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
        }
    }
}

import CareBridgeCore
import Foundation
import HTTPTypes
import Hummingbird

/// `POST /api/v1/services/import`: a platform administrator loads an HSDS 3.0 directory file (the same format and
/// checks as `carebridge import directory`): every organization, location and service in one transaction, or nothing,
/// with each problem named by its JSON path.
enum DirectoryImportController {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        router.post(RouterPath(APIRoute.servicesImport.path)) { request, context in
            let identity = try context.requirePlatformAdmin("Only platform administrators import a whole directory; organizations edit their own services.")
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            guard buffer.readableBytes > 0 else {
                throw CareBridgeError(.badRequest, title: "Missing request body", detail: "Send the HSDS directory file as the JSON body.")
            }
            let summary = try await services.directory.importFile(Data(buffer: buffer), services: services, by: identity, requestID: context.id)
            return try JSONResponse.make(summary)
        }
    }
}

import CareBridgeCore
@testable import CareBridgeServer
import Foundation
import Logging
import Testing

/// The request log is read by machines (log search by request id): each line must stay one JSON object with the same
/// fields and time format it had when JSONSerialization and ISO8601FormatStyle wrote it.
@Suite("JSON log lines")
struct JSONLogHandlerTests {
    @Test("the time is UTC with milliseconds, as ISO 8601 with fractional seconds writes it")
    func timestampMatchesISO8601() {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for seconds in [0.0, 1_764_480_600.123, 1_764_480_659.9996, 951_782_400.5, 4_102_444_799.999] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(JSONLogHandler.timestamp(date) == style.format(date), "at \(seconds)")
        }
    }

    @Test("a line is one JSON object: level, message, logger, the request id renamed, metadata as strings, quotes escaped")
    func lineIsOneJSONObject() throws {
        let line = JSONLogHandler.line(level: .info, message: "request", label: "carebridge",
                                       metadata: ["hb.request.id": "abc-1", "status": .stringConvertible(200), "path": "/api/v1/people/\"x\"\n"],
                                       at: Date(timeIntervalSince1970: 1_764_480_600.25))
        #expect(line.last == 0x0A)
        #expect(line.dropLast().contains(0x0A) == false)
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: String])
        #expect(object == ["time": "2025-11-30T05:30:00.250Z", "level": "info", "message": "request", "logger": "carebridge",
                           "request_id": "abc-1", "status": "200", "path": "/api/v1/people/\"x\"\n"])
    }
}

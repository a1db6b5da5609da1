import Foundation
import Logging

/// One JSON object per line on standard error: time, level, message, and metadata such as
/// the request id (`hb.request.id`), so logs can be searched by request.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var object: [String: Any] = [
            "time": Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date()),
            "level": event.level.rawValue,
            "message": event.message.description,
            "logger": label,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key == "hb.request.id" ? "request_id" : key] = value.description
        }
        guard var data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        data.append(0x0A)
        FileHandle.standardError.write(data)
    }
}

/// A logger writing JSON lines at `level`.
public func makeLogger(level: String, label: String = "carebridge") -> Logger {
    var logger = Logger(label: label) { JSONLogHandler(label: $0) }
    logger.logLevel = Logger.Level(rawValue: level) ?? .info
    return logger
}

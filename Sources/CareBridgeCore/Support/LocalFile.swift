import Foundation

/// Files named on the command line (an import, an export's `--output`, a rule set, a detection input): read and
/// written with one kind of message when that fails, the operating system's reason in words ("Cannot read x.csv: No
/// such file or directory."), rather than Foundation's error dumped whole.
public enum LocalFile {
    public static func read(_ path: String, field: String = "file") throws -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CareBridgeError.invalid(field, "Cannot read \(path): \(reason(error)).")
        }
    }

    public static func text(_ path: String, field: String = "file") throws -> String {
        guard let text = String(data: try read(path, field: field), encoding: .utf8) else {
            throw CareBridgeError.invalid(field, "\(path) is not UTF-8 text.")
        }
        return text
    }

    /// Written in place (not through a temporary file), so that `/dev/stdout` or a named pipe work as paths too.
    public static func write(_ data: Data, to path: String, field: String = "output") throws {
        do { try data.write(to: URL(fileURLWithPath: path)) } catch {
            throw CareBridgeError.invalid(field, "Cannot write \(path): \(reason(error)).")
        }
    }

    /// Fails as `write` would if `path` could not be written, without touching it: a file there must be writable, else
    /// its folder must be. For a long run that writes its file at the end.
    public static func checkWritable(_ path: String, field: String = "output") throws {
        let url = URL(fileURLWithPath: path)
        let target = FileManager.default.fileExists(atPath: path) ? path : url.deletingLastPathComponent().path
        guard access(target, W_OK) == 0 else {
            throw CareBridgeError.invalid(field, "Cannot write \(path): \(String(cString: strerror(errno))).")
        }
    }

    /// The POSIX reason under a Foundation file error ("No such file or directory", "Is a directory", "Permission
    /// denied"), else the error's own description.
    static func reason(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? POSIXError { return reason(underlying) }
        return error.localizedDescription
    }
}

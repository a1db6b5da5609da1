@testable import CareBridgeCore
import Foundation
import Testing

/// Files named on the command line: what a failed read or write says.
@Suite("Files named on the command line")
struct LocalFileTests {
    static func detail(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let error as CareBridgeError { return error.detail } catch { return "\(error)" }
    }

    @Test("a missing file, a directory, a file that is not UTF-8 and a missing folder are each named with the reason")
    func failures() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cb-localfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("none.csv").path
        #expect(Self.detail { _ = try LocalFile.read(missing) } == "Cannot read \(missing): No such file or directory.")
        #expect(Self.detail { _ = try LocalFile.text(folder.path) } == "Cannot read \(folder.path): Is a directory.")
        let latin1 = folder.appendingPathComponent("latin1.csv").path
        try Data([0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]).write(to: URL(fileURLWithPath: latin1))
        #expect(Self.detail { _ = try LocalFile.text(latin1) } == "\(latin1) is not UTF-8 text.")
        let nowhere = folder.appendingPathComponent("no-folder/out.json").path
        #expect(Self.detail { try LocalFile.write(Data("{}".utf8), to: nowhere) } == "Cannot write \(nowhere): No such file or directory.")
        // Checked ahead without touching anything: a missing folder fails as the write would; a file there stays as it is.
        #expect(Self.detail { try LocalFile.checkWritable(nowhere) } == "Cannot write \(nowhere): No such file or directory.")
        #expect(Self.detail { try LocalFile.checkWritable(latin1) } == nil)
        #expect(Self.detail { try LocalFile.checkWritable(folder.appendingPathComponent("new.csv").path) } == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: latin1)) == Data([0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("new.csv").path))
    }

    @Test("what is written reads back as it was, Cyrillic and Arabic included")
    func roundTrip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cb-localfile-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = "Минск, مينسك, Minsk\n"
        try LocalFile.write(Data(text.utf8), to: path)
        #expect(try LocalFile.text(path) == text)
    }
}

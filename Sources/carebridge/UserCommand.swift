import ArgumentParser
import CareBridgeServer
import Foundation

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage staff accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account; the password is read from standard input.",
            discussion: "Example: echo 'a long passphrase' | carebridge user add --org by-red-cross --role caseworker --username anna")

        @Option(help: "Slug of the user's organization.") var org: String
        @Option(help: "Role: admin, caseworker, clinician, public-health-officer, migration-officer, analyst.") var role: String
        @Option(help: "Username (lowercase letters, digits, . _ -).") var username: String
        @Option(help: "Preferred language tag.") var language = "en"

        func run() async throws {
            let password = readLine(strippingNewline: true) ?? ""
            try await CommandErrors.report {
                try await Admin.addUser(AppConfiguration.fromEnvironment(), organizationSlug: org, role: role,
                                        username: username, language: language, password: password)
                print("Created account \(username) (\(role)) in \(org).")
            }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Work with the audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute the audit hash chain; name the first event that does not fit.")

        func run() async throws {
            try await CommandErrors.report {
                let result = try await Admin.verifyAudit(AppConfiguration.fromEnvironment())
                if let broken = result.firstBreak {
                    FileHandle.standardError.write(Data("Audit log BROKEN after \(result.eventsChecked) good events: \(broken)\n".utf8))
                    throw ExitCode(2)
                }
                print("Audit log intact: \(result.eventsChecked) events verified.")
            }
        }
    }
}

/// Prints CareBridge errors as a plain message with a non-zero exit, not a stack of Swift types.
enum CommandErrors {
    static func report(_ body: () async throws -> Void) async throws {
        do { try await body() } catch let error as ExitCode {
            throw error
        } catch let error as CustomStringConvertible {
            FileHandle.standardError.write(Data("carebridge: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }

    static func reportValue<T>(_ body: () async throws -> T) async throws -> T {
        var value: T?
        try await report { value = try await body() }
        return value!
    }
}

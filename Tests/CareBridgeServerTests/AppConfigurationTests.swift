import CareBridgeCore
@testable import CareBridgeServer
import Foundation
import Testing

/// The settings a deployment gives in its environment: read as given, or start-up stops naming the one it cannot read.
@Suite("Settings from the environment")
struct AppConfigurationTests {
    @Test("each setting is read as given; an empty one is as good as unset")
    func reads() throws {
        let key = Data((0..<32).map { UInt8($0) })
        let configuration = try AppConfiguration.fromEnvironment([
            "DATABASE_URL": "sqlite:/srv/carebridge.sqlite", "CAREBRIDGE_ADMIN_PASSWORD": "",
            "CAREBRIDGE_MAX_BODY_BYTES": "2048", "LOG_LEVEL": "DEBUG", "CAREBRIDGE_COUNTRY": "pl",
            "CAREBRIDGE_DETECTION_INTERVAL": "90.5", "CAREBRIDGE_TIMEZONE": "Asia/Tashkent",
            "CAREBRIDGE_WEBHOOKS_ALLOW_PRIVATE": "Yes", "CAREBRIDGE_DATA_KEY": key.base64EncodedString(),
        ])
        #expect(configuration.databaseURL == "sqlite:/srv/carebridge.sqlite")
        #expect(configuration.adminPassword == nil)
        #expect(configuration.maxBodySize == 2048)
        #expect(configuration.logLevel == "debug")
        #expect(configuration.country == "PL")
        #expect(configuration.detectionInterval == 90.5)
        #expect(configuration.zone.identifier == "Asia/Tashkent")
        #expect(configuration.webhooksAllowPrivateNetworks)
        #expect(configuration.dataKey == key)
        let defaults = try AppConfiguration.fromEnvironment(["CAREBRIDGE_TIMEZONE": "", "CAREBRIDGE_WEBHOOKS_ALLOW_PRIVATE": "0", "LOG_LEVEL": ""])
        #expect(defaults.databaseURL == "carebridge.sqlite" && defaults.logLevel == "info" && defaults.dataKey == nil)
        #expect(defaults.zone.identifier == "Europe/Minsk")
        #expect(!defaults.webhooksAllowPrivateNetworks)
    }

    @Test("a value it cannot read stops start-up, naming the setting and what it expected; a key is never repeated",
          arguments: [
              ("CAREBRIDGE_TIMEZONE", "Europe/Minks", "an IANA time zone"),
              ("LOG_LEVEL", "verbose", "one of trace, debug, info, notice, warning, error, critical"),
              ("CAREBRIDGE_MAX_BODY_BYTES", "0", "a whole number of bytes above 0"),
              ("CAREBRIDGE_MAX_BODY_BYTES", "1MB", "a whole number of bytes above 0"),
              ("CAREBRIDGE_DETECTION_INTERVAL", "-5", "a number of seconds above 0"),
              ("CAREBRIDGE_DETECTION_INTERVAL", "inf", "a number of seconds above 0"),
              ("CAREBRIDGE_WEBHOOKS_ALLOW_PRIVATE", "maybe", "true or false"),
              ("CAREBRIDGE_DATA_KEY", "secret key!", "32 random bytes in base64"),
          ])
    func refuses(name: String, value: String, expected: String) throws {
        do {
            _ = try AppConfiguration.fromEnvironment([name: value])
            Issue.record("\(name)=\(value) was accepted")
        } catch let error as CareBridgeError {
            #expect(error.kind == .validation && error.field == name)
            #expect(error.detail.hasPrefix("\(name) must be \(expected)"), "\(error.detail)")
            #expect(error.detail.contains("'\(value)'") == (name != "CAREBRIDGE_DATA_KEY"), "\(error.detail)")
        }
    }
}

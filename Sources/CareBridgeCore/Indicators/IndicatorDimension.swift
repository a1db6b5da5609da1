import Foundation

/// What an indicator is broken down by (issue 8: legal status, citizenship, region, sex, age group, interpreter need).
/// Raw values are the `by=` parameter and the CSV and DHIS2 mapping keys.
public enum IndicatorDimension: String, Codable, Sendable, CaseIterable, Hashable {
    case legalStatus = "legal-status"
    case citizenship
    case region
    case sex
    case ageGroup = "age-group"
    case interpreterNeed = "interpreter-need"

    /// Age groups, in years on the day (a WHO-style banding; the last is open-ended).
    public static let ageGroups: [(code: String, from: Int)] = [("0-14", 0), ("15-24", 15), ("25-49", 25), ("50-64", 50), ("65+", 65)]
    static let ageGroupStarts = ageGroups.map(\.from)
    public static let notRecorded = "not-recorded"
    /// The legal-status code of someone with no status recorded on the day (after `citizen` and each status).
    static let legalStatusNotRecorded = LegalStatusKind.allCases.count + 1
    /// The legal-status code of a citizen of the country (who holds no foreigner's status).
    public static let citizen = "citizen"

    /// The codes of this dimension over a snapshot, in order; a row's code is an index into them.
    public func codes(_ snapshot: PopulationSnapshot) -> [String] {
        switch self {
        case .legalStatus: [Self.citizen] + LegalStatusKind.allCases.map(\.rawValue) + [Self.notRecorded]
        case .citizenship: [Self.notRecorded] + snapshot.countries.dropFirst()
        case .region: [Self.notRecorded] + snapshot.regions.dropFirst()
        case .sex: [Self.notRecorded] + Sex.allCases.map(\.rawValue)
        case .ageGroup: Self.ageGroups.map(\.code) + [Self.notRecorded]
        case .interpreterNeed: ["no", "yes"]
        }
    }

    /// Whether rows that count nobody are left out of a published breakdown (long lists: every country, every region).
    public var dropsEmptyRows: Bool { self == .citizenship || self == .region }
}

extension PopulationSnapshot {
    /// A row's code in each dimension (indices into `IndicatorDimension.codes`), on `day`; `home` is the country's own
    /// code in `countries` (0 when no one holds its citizenship).
    @inline(__always)
    func code(_ dimension: IndicatorDimension, row: Int, day: Int32, home: UInt16) -> Int {
        switch dimension {
        case .legalStatus:
            if home != 0 && citizenship[row] == home { return 0 }
            return status(row, on: day).map { $0 + 1 } ?? IndicatorDimension.legalStatusNotRecorded
        case .citizenship: return Int(citizenship[row])
        case .region: return Int(region[row])
        case .sex: return Int(sex[row])
        case .ageGroup:
            guard let age = age(row, on: day) else { return IndicatorDimension.ageGroupStarts.count }
            var group = 0
            while group + 1 < IndicatorDimension.ageGroupStarts.count && IndicatorDimension.ageGroupStarts[group + 1] <= age { group += 1 }
            return group
        case .interpreterNeed: return interpreter[row] ? 1 : 0
        }
    }

    /// The index of a country code in `countries`, 0 when absent.
    func countryIndex(_ code: String) -> UInt16 { countryCode[code] ?? 0 }
}

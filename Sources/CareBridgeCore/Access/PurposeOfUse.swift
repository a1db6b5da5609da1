/// Why a request accesses data. Codes from HL7 v3 PurposeOfUse
/// (http://terminology.hl7.org/CodeSystem/v3-ActReason): TREAT, COC, PUBHLTH, HRESCH, HOPERAT, ETREAT.
/// The raw value is the HL7 code, sent in the `X-Purpose-Of-Use` header.
public enum PurposeOfUse: String, CaseIterable, Codable, Sendable, Hashable {
    case treatment = "TREAT"
    case careCoordination = "COC"
    case publicHealth = "PUBHLTH"
    case statistics = "HRESCH"
    case administration = "HOPERAT"
    case emergency = "ETREAT"

    /// A readable name, used in the audit log and in explanations.
    public var name: String {
        switch self {
        case .treatment: "treatment"
        case .careCoordination: "care coordination"
        case .publicHealth: "public health"
        case .statistics: "statistics"
        case .administration: "administration"
        case .emergency: "emergency"
        }
    }
}

/// Whether an access reads or changes data.
public enum AccessAction: String, CaseIterable, Codable, Sendable, Hashable {
    case read
    case write
}

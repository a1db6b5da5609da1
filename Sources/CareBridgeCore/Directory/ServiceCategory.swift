/// The directory's taxonomy of health and social services (docs/directory.md), published as the HSDS taxonomy
/// `carebridge-service-categories`. Names in every UI language live in the translations (`category.<code>`).
public enum ServiceCategory: String, Codable, Sendable, CaseIterable, TypedCode {
    case tbDispensary = "tb-dispensary"
    case hivCentre = "hiv-centre"
    case hepatitisCare = "hepatitis-care"
    case polyclinic
    case hospital
    case emergency
    case maternity
    case childHealth = "child-health"
    case vaccination
    case laboratory
    case mentalHealth = "mental-health"
    case dental
    case publicHealth = "public-health"
    case legalAid = "legal-aid"
    case shelter
    case interpretation
    case socialSupport = "social-support"

    public static var field: String { "category" }

    /// English name and description, for HSDS taxonomy terms and as the fallback of the translations.
    public var english: (name: String, description: String) {
        switch self {
        case .tbDispensary: ("TB dispensary", "Diagnosis and treatment of tuberculosis, including latent infection and contacts.")
        case .hivCentre: ("HIV/AIDS centre", "HIV testing, counselling, antiretroviral treatment and prevention.")
        case .hepatitisCare: ("Hepatitis care", "Testing and treatment of viral hepatitis B and C.")
        case .polyclinic: ("Polyclinic", "Outpatient primary and specialist care.")
        case .hospital: ("Hospital", "Inpatient care.")
        case .emergency: ("Emergency care", "Emergency medical care and ambulance.")
        case .maternity: ("Maternity care", "Antenatal care, childbirth and women's health.")
        case .childHealth: ("Children's health", "Outpatient care for children.")
        case .vaccination: ("Vaccination", "Vaccination and catch-up immunization.")
        case .laboratory: ("Laboratory", "Laboratory testing.")
        case .mentalHealth: ("Mental health", "Mental health care and psychosocial support.")
        case .dental: ("Dental care", "Dental care.")
        case .publicHealth: ("Public health centre", "Hygiene and epidemiology: screening, notification, contact tracing.")
        case .legalAid: ("Legal aid", "Legal counselling on status, rights and access to care.")
        case .shelter: ("Shelter", "Temporary accommodation.")
        case .interpretation: ("Interpretation", "Interpretation and cultural mediation.")
        case .socialSupport: ("Social support", "Social assistance, case management, food and clothing.")
        }
    }
}

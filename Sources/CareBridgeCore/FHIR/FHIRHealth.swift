import Foundation

/// Health records as FHIR resources: a test as an Observation, a diagnosis or a notified case as a Condition, a dose
/// as an Immunization, a treatment episode as a MedicationStatement (in the patient summary).
extension FHIR {
    /// The FHIR type a record is published as; nil for the kinds kept inside CareBridge (assessments, contacts, alerts).
    public static func resourceType(of kind: HealthRecord.Kind) -> String? {
        switch kind {
        case .test: "Observation"
        case .diagnosis, .notification: "Condition"
        case .immunization: "Immunization"
        case .treatment: "MedicationStatement"
        case .assessment, .contact, .alert: nil
        }
    }

    /// The record as its FHIR resource (nil for kinds that have none).
    public static func resource(of record: HealthRecord) -> JSON? {
        switch record.kind {
        case .test: observation(record)
        case .diagnosis, .notification: condition(record)
        case .immunization: immunization(record)
        case .treatment: medicationStatement(record)
        case .assessment, .contact, .alert: nil
        }
    }

    /// SNOMED CT qualifier values for a qualitative result, and the HL7 v3 interpretation codes.
    static let resultValues: [LabTest.Interpretation: (snomed: String, display: String, v3: String)] = [
        .positive: ("10828004", "Positive", "POS"), .negative: ("260385009", "Negative", "NEG"), .indeterminate: ("82334004", "Indeterminate", "IND"),
    ]

    public static func observation(_ record: HealthRecord) -> JSON? {
        guard let test = record.test else { return nil }
        let system = ClinicalCodes.system(ofTest: test.code)
        var value: [String: JSON?] = [:]
        if let result = test.result {
            if let number = result.value {
                var quantity: [String: JSON] = ["value": .number(number)]
                if let unit = result.unit.nonBlank { quantity["unit"] = .string(unit); quantity["system"] = "http://unitsofmeasure.org"; quantity["code"] = .string(unit) }
                value["valueQuantity"] = .object(quantity)
            } else if let interpretation = result.interpretation, let codes = resultValues[interpretation] {
                value["valueCodeableConcept"] = concept(coding(snomed, codes.snomed, codes.display), text: interpretation.rawValue)
            }
            if let interpretation = result.interpretation, let codes = resultValues[interpretation] {
                value["interpretation"] = [concept(coding(observationInterpretation, codes.v3, codes.display))]
            }
            value["issued"] = .string(instant(result.resultedOn.start))
        }
        return resource("Observation", id: record.id, value.merging([
            "meta": meta(lastUpdated: record.updatedAt, version: Int64(record.version)),
            "status": .string(test.result == nil ? "registered" : "final"),
            "category": [concept(system == loinc ? coding(observationCategory, "laboratory", "Laboratory") : coding(observationCategory, "procedure", "Procedure"))],
            "code": concept(coding(system, test.code, test.display), text: test.display),
            "subject": reference("Patient", record.personID),
            "effectiveDateTime": .string(record.date.description),
            "performer": [reference("Organization", record.organizationID)],
        ], uniquingKeysWith: { a, _ in a }))
    }

    /// HL7 condition-ver-status for a case classification (suspected cases are unconfirmed, probable ones provisional).
    static func verification(_ classification: CaseClassification) -> String {
        switch classification {
        case .suspected: "unconfirmed"
        case .probable: "provisional"
        case .confirmed: "confirmed"
        }
    }

    public static func condition(_ record: HealthRecord) -> JSON? {
        var members: [String: JSON?] = [
            "meta": meta(lastUpdated: record.updatedAt, version: Int64(record.version)),
            "subject": reference("Patient", record.personID),
            "recordedDate": .string(instant(record.recordedAt)),
        ]
        if let diagnosis = record.diagnosis {
            let resolved = diagnosis.resolvedOn != nil
            members["clinicalStatus"] = concept(coding(conditionClinical, resolved ? "resolved" : "active"))
            members["verificationStatus"] = concept(coding(conditionVerification, "confirmed"))
            members["category"] = [concept(coding(conditionCategory, "problem-list-item", "Problem List Item"))]
            members["code"] = concept(coding(icd10, diagnosis.icd10, diagnosis.display), text: diagnosis.display)
            members["onsetDateTime"] = .string((diagnosis.onset ?? record.date).description)
            members["abatementDateTime"] = diagnosis.resolvedOn.map { .string($0.description) }
        } else if let report = record.notification {
            members["clinicalStatus"] = concept(coding(conditionClinical, "active"))
            members["verificationStatus"] = concept(coding(conditionVerification, verification(report.classification)), text: report.classification.rawValue)
            members["category"] = [concept(coding(conditionCategory, "encounter-diagnosis", "Encounter Diagnosis"), coding(diseaseSystem, report.disease.rawValue))]
            var codings = [coding(diseaseSystem, report.disease.rawValue, report.disease.rawValue)]
            if let code = report.icd10 { codings.insert(coding(icd10, code), at: 0) }
            members["code"] = .object(["coding": .array(codings), "text": .string(report.disease.rawValue)])
            members["onsetDateTime"] = .string((report.onset ?? report.diagnosedOn).description)
            members["recordedDate"] = .string(report.diagnosedOn.description)
            members["note"] = [["text": .string("Notified case (\(report.classification.rawValue)), region \(report.region)")]]
        } else {
            return nil
        }
        return resource("Condition", id: record.id, members)
    }

    /// CVX for numeric vaccine codes, ATC for the J07 and BCG codes of the WHO SMART Immunizations IG.
    public static func vaccineSystem(_ code: String) -> String { code.first?.isLetter == true ? atc : cvx }

    public static func immunization(_ record: HealthRecord) -> JSON? {
        guard let dose = record.immunization else { return nil }
        return resource("Immunization", id: record.id, [
            "meta": meta(lastUpdated: record.updatedAt, version: Int64(record.version)),
            "status": "completed",
            "vaccineCode": concept(coding(vaccineSystem(dose.vaccine), dose.vaccine, dose.display), text: dose.display),
            "patient": reference("Patient", record.personID),
            "occurrenceDateTime": .string(record.date.description),
            "recorded": .string(instant(record.recordedAt)),
            "primarySource": true,
            "lotNumber": dose.lot.map(JSON.string),
            "performer": [["actor": reference("Organization", record.organizationID)]],
            "protocolApplied": dose.doseNumber.map { [["doseNumberPositiveInt": .number(Double($0))]] },
        ])
    }

    /// The medicine class of a treatment (WHO ATC index, https://atcddd.fhi.no/atc_ddd_index/): J04A drugs for
    /// treatment of tuberculosis; J05A direct acting antivirals (antiretroviral therapy, hepatitis B and C).
    static func medicationClass(_ disease: Disease) -> (code: String, display: String)? {
        switch disease {
        case .tuberculosis: ("J04A", "Drugs for treatment of tuberculosis")
        case .hiv, .hepatitisB, .hepatitisC: ("J05A", "Direct acting antivirals")
        default: nil
        }
    }

    public static func medicationStatement(_ record: HealthRecord) -> JSON? {
        guard let treatment = record.treatment else { return nil }
        let status: String = switch treatment.outcome {
        case nil: "active"
        case .cured?, .completed?: "completed"
        case .failed?, .died?, .lostToFollowUp?: "stopped"
        case .notEvaluated?: "unknown"
        }
        let text = [treatment.regimen, "\(treatment.disease.rawValue) treatment"].compactMap(\.self).first!
        var period: [String: JSON] = ["start": .string(treatment.startedOn.description)]
        if let end = treatment.outcomeOn { period["end"] = .string(end.description) }
        var notes: [JSON] = []
        if let resistance = treatment.resistance { notes.append(["text": .string("Drug resistance: \(resistance.rawValue)")]) }
        if let outcome = treatment.outcome { notes.append(["text": .string("Outcome: \(outcome.rawValue)")]) }
        let medication = medicationClass(treatment.disease).map { concept(coding(atc, $0.code, $0.display), text: text) } ?? concept(text: text)
        return resource("MedicationStatement", id: record.id, [
            "meta": meta(lastUpdated: record.updatedAt, version: Int64(record.version)),
            "status": .string(status),
            "medicationCodeableConcept": medication,
            "subject": reference("Patient", record.personID),
            "effectivePeriod": .object(period),
            "dateAsserted": .string(instant(record.recordedAt)),
            "informationSource": reference("Organization", treatment.treatingOrganizationID),
            "reasonReference": treatment.caseID.map { [reference("Condition", $0)] },
            "note": .array(notes),
        ])
    }
}

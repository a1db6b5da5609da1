/// Turns a draft into the public record.
extension SyntheticPopulation {
    func render(_ draft: SyntheticDraft, index: Int) -> SyntheticPerson {
        var names = [spell(draft, draft.primary)]
        names.reserveCapacity(1 + draft.others.count)
        for other in draft.others {
            let name = spell(draft, other)
            if !names.contains(name) { names.append(name) }
        }
        let birth = SyntheticCalendar.civil(draft.birthDay)
        let arrival = SyntheticCalendar.civil(draft.arrivalDay)
        let info = draft.originInfo
        return SyntheticPerson(
            index: index, duplicateOf: nil, names: names,
            sex: draft.sexUnknown ? "unknown" : draft.female ? "female" : "male",
            birthYear: birth.year,
            birthMonth: draft.birthPrecision < 2 ? birth.month : nil,
            birthDay: draft.birthPrecision == 0 ? birth.day : nil,
            citizenship: draft.stateless ? nil : info.country,
            countryOfBirth: draft.bornInBelarus ? "BY" : info.country,
            arrivalYear: arrival.year, arrivalMonth: arrival.month,
            languages: draft.speaksRussian ? info.languagesWithRussian : info.languagesWithoutRussian,
            interpreterNeeded: !draft.speaksRussian,
            region: draft.region,
            status: draft.status,
            statusFrom: SyntheticCalendar.text(draft.statusFrom),
            statusUntil: draft.statusUntil.map(SyntheticCalendar.text),
            previousStatus: draft.previousStatus,
            previousStatusFrom: draft.previousStatus == nil ? nil : SyntheticCalendar.text(draft.previousFrom),
            previousStatusUntil: draft.previousStatus == nil ? nil : SyntheticCalendar.text(draft.previousUntil),
            insurance: draft.insurer.map {
                SyntheticInsurance(insurer: $0, from: SyntheticCalendar.text(draft.insuranceFrom),
                                   until: SyntheticCalendar.text(draft.insuranceUntil))
            },
            document: draft.document,
            phone: draft.phone)
    }

    /// The name written one way: a script slot and a spelling variant, the same variant index across given,
    /// family and patronymic so a record's spellings stay consistent with one another.
    func spell(_ draft: SyntheticDraft, _ rendering: SyntheticRendering) -> SyntheticName {
        let group = draft.names
        let slot = rendering.slot, variant = rendering.variant
        let givenForms = (draft.female ? group.female[draft.given] : group.male[draft.given]).forms[slot]
        let familyEntry = draft.familyGroup.family[draft.family]
        let familyForms = draft.female ? familyEntry.feminine[slot] : familyEntry.forms[slot]
        var patronymic: String?
        if draft.patronymic, group.scripts[slot] == .cyrillic {
            let father = group.male[draft.father]
            let pairs = draft.female ? father.patronymicFeminine : father.patronymicMasculine
            if pairs.isEmpty {
                let fatherForms = father.forms[slot]
                patronymic = SyntheticNameGroup.derivedPatronymic(fatherForms[min(variant, fatherForms.count - 1)], female: draft.female)
            } else {
                patronymic = pairs[min(variant, pairs.count - 1)]
            }
        }
        return SyntheticName(given: givenForms[min(variant, givenForms.count - 1)],
                             family: familyForms[min(variant, familyForms.count - 1)],
                             patronymic: patronymic, script: group.scripts[slot].rawValue)
    }
}

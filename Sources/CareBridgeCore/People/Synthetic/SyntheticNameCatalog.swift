import Foundation

/// Hand-written names with their spellings per script, kept apart from any transliteration code so the
/// generator's truth does not share the matcher's assumptions. Each catalog line is one name:
/// columns in the group's `scripts` order separated by `|`, spelling variants within a column by `,`
/// (first = the usual one). Male given names of Slavic groups carry a last column of
/// `masculine/feminine` patronymics, one pair per Cyrillic variant.
enum SyntheticScript: String, Sendable {
    case latin, cyrillic, arabic, han
}

struct SyntheticNameEntry: Sendable {
    /// Spelling variants per script slot of the group.
    var forms: [[String]]
    /// Feminine surname forms per slot (equal to `forms` where the language does not inflect).
    var feminine: [[String]]
    /// Patronymics derived from this (male) name, per Cyrillic variant.
    var patronymicMasculine: [String]
    var patronymicFeminine: [String]
}

struct SyntheticNameGroup: Sendable {
    let scripts: [SyntheticScript]
    /// How a registering office most likely writes the primary record, per script slot.
    let registration: SyntheticWeightedTable<Int>
    /// Whether an Russian-style patronymic may appear in a Cyrillic record (always explicit for Slavic groups).
    let patronymics: PatronymicUse
    let male: [SyntheticNameEntry]
    let female: [SyntheticNameEntry]
    let family: [SyntheticNameEntry]

    enum PatronymicUse: Sendable { case none, sometimes, usually }

    init(scripts: [SyntheticScript], registration: [Double], patronymics: PatronymicUse = .none, gendered: Bool,
         male: String, female: String, family: String) {
        self.scripts = scripts
        self.registration = SyntheticWeightedTable(registration.enumerated().map { ($0.offset, $0.element) })
        self.patronymics = patronymics
        let parse = { (text: String, surname: Bool) -> [SyntheticNameEntry] in
            text.split(separator: "\n").compactMap { line -> SyntheticNameEntry? in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { return nil }
                let columns = trimmed.split(separator: "|", omittingEmptySubsequences: false).map {
                    $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                }
                let forms = Array(columns.prefix(scripts.count))
                precondition(forms.count == scripts.count && forms.allSatisfy { !$0.isEmpty }, "catalog line: \(trimmed)")
                var masculine: [String] = [], feminine: [String] = []
                if columns.count > scripts.count {
                    for pair in columns[scripts.count] {
                        let both = pair.split(separator: "/").map(String.init)
                        masculine.append(both[0])
                        feminine.append(both[1])
                    }
                }
                let fem = surname && gendered
                    ? zip(scripts, forms).map { script, variants in variants.map { SyntheticNameGroup.feminineSurname($0, script) } }
                    : forms
                return SyntheticNameEntry(forms: forms, feminine: fem, patronymicMasculine: masculine, patronymicFeminine: feminine)
            }
        }
        self.male = parse(male, false)
        self.female = parse(female, false)
        self.family = parse(family, true)
    }

    /// Feminine surname by the grammar of Russian, Ukrainian, Belarusian and the Turkic and Iranian surnames
    /// built on Russian suffixes (Рахимов → Рахимова, Öwezow → Öwezowa). Applied to each hand-written
    /// spelling in its own script, so it never maps one script onto another.
    static func feminineSurname(_ name: String, _ script: SyntheticScript) -> String {
        let rules: [(String, String)] = script == .cyrillic
            ? [("ский", "ская"), ("цкий", "цкая"), ("ський", "ська"), ("цький", "цька"), ("скі", "ская"), ("аў", "ава"), ("ёў", "ёва"),
               ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина"), ("ын", "ына")]
            : [("skiy", "skaya"), ("skii", "skaia"), ("skyi", "ska"), ("ski", "skaya"), ("iou", "iova"), ("au", "ava"),
               ("ov", "ova"), ("ev", "eva"), ("ow", "owa"), ("ew", "ewa"), ("in", "ina"), ("yn", "yna")]
        for (ending, replacement) in rules where name.hasSuffix(ending) {
            return String(name.dropLast(ending.count)) + replacement
        }
        return name
    }

    /// A Russian-style patronymic from a Cyrillic father's name, as post-Soviet Central Asian records often carry
    /// (Рахим → Рахимович / Рахимовна); nil when the name does not take the regular suffix.
    static func derivedPatronymic(_ father: String, female: Bool) -> String? {
        guard let last = father.last, !"аеёиоуыэюяьйъӣӯ".contains(last) else { return nil }
        return father + (female ? "овна" : "ович")
    }
}

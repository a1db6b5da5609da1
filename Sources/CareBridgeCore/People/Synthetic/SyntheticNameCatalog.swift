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
    /// How often each catalog line is drawn: the first lines are the common names.
    let maleRanks: SyntheticWeightedTable<Int>
    let femaleRanks: SyntheticWeightedTable<Int>
    let familyRanks: SyntheticWeightedTable<Int>

    enum PatronymicUse: Sendable { case none, sometimes, usually }

    /// `givenTop` and `familyTop`: the share of the group's people with its most common given name and surname.
    /// The rest of the catalog falls off by a Zipf-Mandelbrot law down to its last line. Assumed from published surname
    /// statistics: Russian and Ukrainian surnames are spread thin (Ivanov and Smirnov, the most common, are each well
    /// under 1.5% of Russians; Melnyk and Shevchenko under 1% of Ukrainians), surnames built on a father's or
    /// grandfather's given name (Turkmen, Uzbek, Tajik) concentrate more, a few percent for the top ones, and Chinese
    /// surnames concentrate most (Wang and Li each about 7% of China, 2020 census). A catalog of ~100 lines stands for
    /// thousands of real names, so its tail is coarser than life: collisions are if anything overstated.
    init(scripts: [SyntheticScript], registration: [Double], patronymics: PatronymicUse = .none, gendered: Bool,
         givenTop: Double = 0.04, familyTop: Double = 0.03, male: String, female: String, family: String) {
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
        maleRanks = SyntheticWeightedTable.ranks(max(1, self.male.count), top: givenTop)
        femaleRanks = SyntheticWeightedTable.ranks(max(1, self.female.count), top: givenTop)
        familyRanks = SyntheticWeightedTable.ranks(max(1, self.family.count), top: familyTop)
    }

    /// Feminine surname by the grammar of Russian, Ukrainian, Belarusian and the Turkic and Iranian surnames
    /// built on Russian suffixes (Рахимов → Рахимова, Öwezow → Öwezowa). Applied to each hand-written
    /// spelling in its own script, so it never maps one script onto another.
    static func feminineSurname(_ name: String, _ script: SyntheticScript) -> String {
        let rules: [(String, String)] = script == .cyrillic
            ? [("ский", "ская"), ("цкий", "цкая"), ("ський", "ська"), ("цький", "цька"), ("скі", "ская"), ("аў", "ава"), ("оў", "ова"), ("ёў", "ёва"),
               ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина"), ("ын", "ына")]
            : [("skiy", "skaya"), ("skii", "skaia"), ("skyi", "ska"), ("ski", "skaya"), ("iou", "iova"), ("au", "ava"), ("ou", "ova"),
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

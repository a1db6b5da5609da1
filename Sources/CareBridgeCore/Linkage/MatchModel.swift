import Foundation

/// A Fellegi-Sunter model (Fellegi & Sunter 1969): each field's agreement level adds log2(m/u) bits, where m is the
/// chance of that level when two records are one person and u when they are two people; the sum decides.
///
/// The m values below were set from the error rates planted in the synthetic population (People/Synthetic), the name
/// u values measured on it (300,000 random pairs of seed 1: given names agree 0.0034, family names 0.0033, rounded up
/// because real populations may concentrate more); they are not estimated from real registrations, and should be
/// re-estimated (EM) once real reviewed pairs exist.
///
/// | field       | level                         | m      | u        | weight |
/// |-------------|-------------------------------|--------|----------|--------|
/// | given name  | agree (JW >= 0.92)            | 0.93   | 0.005    |  +7.54 |
/// |             | partial (JW >= 0.80)          | 0.01   | 0.01     |   0.00 |
/// |             | disagree                      | 0.02   | 0.987    |  -5.63 |
/// | family name | agree                         | 0.92   | 0.004    |  +7.85 |
/// |             | partial (Amanmuradov/Jumamuradov) | 0.012 | 0.014 |  -0.22 |
/// |             | disagree                      | 0.02   | 0.983    |  -5.62 |
/// | birth date  | full date equal               | 0.80   | 0.00005  | +13.97 |
/// |             | year and month equal (day unknown on one side) | 0.90 | 0.0015 | +9.23 |
/// |             | year equal (month unknown on one side)         | 0.90 | 0.018  | +5.64 |
/// |             | (every level with equal years, in an index: u scaled by the share of that birth year, see below) | | | |
/// |             | day and month swapped                          | 0.05 | 0.0002 | +7.97 |
/// |             | one digit off (both dates full)                | 0.01 | 0.0005 | +4.32 |
/// |             | disagree (estimated and placeholder dates are common) | 0.10 | 0.98 | -3.29 |
/// | sex         | agree                         | 0.98   | 0.5      |  +0.97 |
/// |             | disagree                      | 0.02   | 0.5      |  -4.64 |
/// | citizenship | agree (a few countries dominate) | 0.95 | 0.35    |  +1.44 |
/// |             | disagree                      | 0.05   | 0.65     |  -3.70 |
/// | patronymic  | agree (both recorded; added to the given name's evidence) | 0.9 | 0.04 | +4.49 |
/// |             | disagree                      | 0.07   | 0.94     |  -3.75 |
/// | document    | a document key in common      | 0.5    | 0.000001 | +18.93 |
/// |             | both have documents, none shared (passports get renewed) | 0.33 | 0.99 | -1.58 |
/// | phone       | a number in common            | 0.72   | 0.0001   | +12.81 |
/// |             | both have numbers, none shared (new SIM cards) | 0.28 | 1.0 | -1.84 |
///
/// Phone m is synthetic: the generator keeps a re-registration's number 60% of the time, so of the planted duplicates
/// where both records have one, 0.72 share it (seed 1, 100,000 people: 974 agree, 381 differ). Among 300,000 random
/// pairs none shared a number (u < 0.00001), but the generator gives each person their own number while real
/// households share one; u is raised tenfold for that, which keeps a phone below a document and far below what a
/// mother and son with one surname and a phone need to reach the threshold.
///
/// Inside a `MatchIndex` the name agreement weights use the share of people with that word, and with that
/// given+family pair (u = share, pulled towards the table's u by a 2,000-person prior); `compare` alone uses the table.
/// The birth date levels with equal years do the same with the share of people born in that year: the table's year u
/// (0.018) is an average over a population that is mostly of working age, so agreeing on a child's or an old person's
/// year is worth up to 2.2 bits more (no year is taken as rarer than 1 in 250) and on a common year somewhat less.
/// Threshold 21 was chosen on the synthetic population (100,000 people, full scan; seeds 1/2/3/11 with phones:
/// precision 0.970/0.970/0.968/0.968, recall 0.964/0.961/0.956/0.956; before birth-year frequencies, 0.975/0.973/0.971/0.975
/// and 0.958/0.956/0.947/0.949). Below it sit mostly pairs that only a birth year and a common full name connect,
/// strangers and re-registrations alike (Turkmen names, a year-only date, no document or phone in common): at 20.5
/// recall gains 0.2-0.4 points and precision loses 0.5-0.9.
public struct MatchModel: Sendable {
    public var candidateThreshold: Double
    public var nameAgree: Double
    public var namePartial: Double
    public var weights: Weights

    public struct Weights: Sendable {
        public var givenAgree, givenPartial, givenDisagree: Double
        public var familyAgree, familyPartial, familyDisagree: Double
        public var dateExact, dateYearMonth, dateYear, dateSwapped, dateTypo, dateDisagree: Double
        public var patronymicAgree, patronymicDisagree: Double
        public var sexAgree, sexDisagree: Double
        public var citizenshipAgree, citizenshipDisagree: Double
        public var documentAgree, documentDisagree: Double
        public var phoneAgree, phoneDisagree: Double
    }

    /// log2(m/u): the bits of evidence a level gives.
    public static func bits(m: Double, u: Double) -> Double { log2(m / u) }

    public static let standard = MatchModel(
        candidateThreshold: 21, nameAgree: 0.92, namePartial: 0.80,
        weights: Weights(
            givenAgree: bits(m: givenAgreeM, u: givenAgreeU), givenPartial: bits(m: 0.01, u: 0.01), givenDisagree: bits(m: 0.02, u: 0.987),
            familyAgree: bits(m: familyAgreeM, u: familyAgreeU), familyPartial: bits(m: 0.012, u: 0.014), familyDisagree: bits(m: 0.02, u: 0.983),
            dateExact: bits(m: 0.80, u: 0.00005), dateYearMonth: bits(m: 0.90, u: 0.0015), dateYear: bits(m: 0.90, u: 0.018),
            dateSwapped: bits(m: 0.05, u: 0.0002), dateTypo: bits(m: 0.01, u: 0.0005), dateDisagree: bits(m: 0.10, u: 0.98),
            patronymicAgree: bits(m: 0.9, u: 0.04), patronymicDisagree: bits(m: 0.07, u: 0.94),
            sexAgree: bits(m: 0.98, u: 0.5), sexDisagree: bits(m: 0.02, u: 0.5),
            citizenshipAgree: bits(m: 0.95, u: 0.35), citizenshipDisagree: bits(m: 0.05, u: 0.65),
            documentAgree: bits(m: 0.5, u: 0.000001), documentDisagree: bits(m: 0.33, u: 0.99),
            phoneAgree: bits(m: 0.72, u: 0.0001), phoneDisagree: bits(m: 0.28, u: 1)))

    public init(candidateThreshold: Double, nameAgree: Double, namePartial: Double, weights: Weights) {
        self.candidateThreshold = candidateThreshold
        self.nameAgree = nameAgree
        self.namePartial = namePartial
        self.weights = weights
    }

    public func compare(_ a: MatchInput, _ b: MatchInput) -> MatchResult {
        let x = PreparedRecord(a), y = PreparedRecord(b)
        return x.blob.withUnsafeBufferPointer { pa in
            y.blob.withUnsafeBufferPointer { pb in result(pa, x.fixed, pb, y.fixed) }
        }
    }

    /// The posterior with prior odds set so that the candidate threshold reads as probability 0.5.
    public func probability(weight: Double) -> Double {
        1 / (1 + exp2(candidateThreshold - weight))
    }

    // MARK: scoring without allocation

    enum DateAgreement { case missing, exact, yearMonth, year, swapped, typo, disagree }
    /// Documents and phones: a key in common, both have keys but none in common, or none on one side.
    enum KeyAgreement { case missing, shared, noneShared }

    struct Breakdown {
        var names: NameScore
        /// Best similarity of the two records' patronymics, -1 unless both have one and the given names agree.
        var patronymic: Double
        var date: DateAgreement
        var sex: AgreementLevel
        var citizenship: AgreementLevel
        var document: KeyAgreement
        var phone: KeyAgreement
    }

    @inline(__always)
    func breakdown(_ a: Blob.Bytes, _ fa: FixedFields, _ b: Blob.Bytes, _ fb: FixedFields) -> Breakdown {
        let names = NameComparison.compare(a, b)
        let da = Blob.documents(a), db = Blob.documents(b)
        // Patronymics are read only where the given names agree, the pairs they tell apart; large blocks stay cheap to scan.
        return Breakdown(names: names, patronymic: names.given >= nameAgree ? Self.patronymics(a, b) : -1, date: Self.dates(fa, fb),
                  sex: fa.sex == 0 || fb.sex == 0 ? .missing : (fa.sex == fb.sex ? .agree : .disagree),
                  citizenship: fa.citizenship == 0 || fb.citizenship == 0 ? .missing : (fa.citizenship == fb.citizenship ? .agree : .disagree),
                  document: Self.keys(a, da, b, db),
                  phone: Self.keys(a, Blob.phones(a, after: da), b, Blob.phones(b, after: db)))
    }

    /// Agreement weights from how common the query's names and birth year are in the index (frequency-based u,
    /// Fellegi & Sunter 1969 section 3.3.2): nil fields fall back to the table above.
    struct NameWeights {
        var given: Double?
        var family: Double?
        /// Both parts agreeing, from the share of people with this given+family pair: names are not independent
        /// (a Ukrainian given name comes with a Ukrainian surname), so the sum of the two would overstate the evidence.
        var pair: Double?
        /// Bits added to every birth date level that includes an equal year: log2(table u / share of the year).
        var birthYear: Double = 0
    }

    func nameAgreeWeight(share: Double, given: Bool) -> Double {
        Self.bits(m: given ? Self.givenAgreeM : Self.familyAgreeM, u: min(max(share, Self.minimumNameShare), 1))
    }

    func pairAgreeWeight(share: Double) -> Double {
        Self.bits(m: Self.givenAgreeM * Self.familyAgreeM, u: min(max(share, Self.minimumPairShare), 1))
    }

    /// The year's share replaces the table's average year u (0.018): agreeing on a year in which few people in the index
    /// were born (a child, an old person, among mostly working-age migrants) counts for more than agreeing on a common one.
    /// The month and day are taken as independent of the year, so the same bits apply to every level with an equal year.
    func birthYearBits(share: Double) -> Double {
        log2(Self.birthYearU / min(max(share, Self.minimumYearShare), 1))
    }

    static let birthYearU = 0.018
    /// No birth year is treated as rarer than 1 in 250: few people born in a year may also mean their years are guessed.
    static let minimumYearShare = 0.004

    /// No name is treated as rarer than 1 in 1,000, no full name as rarer than 1 in 20,000 (a typo makes any name look unique).
    static let minimumNameShare = 0.001
    static let minimumPairShare = 0.00005
    static let givenAgreeM = 0.93
    static let familyAgreeM = 0.92
    static let givenAgreeU = 0.005
    static let familyAgreeU = 0.004

    /// The given and family name field weights of a comparison.
    @inline(__always)
    func nameFieldWeights(_ d: Breakdown, _ n: NameWeights) -> (given: Double, family: Double) {
        let w = weights
        var given = nameWeight(d.names.given, agreeWeight(d.names.given, n.given, w.givenAgree), w.givenPartial, w.givenDisagree)
        var family = nameWeight(d.names.family, agreeWeight(d.names.family, n.family, w.familyAgree), w.familyPartial, w.familyDisagree)
        if let pair = n.pair, level(d.names.given) == .agree, level(d.names.family) == .agree, given + family > pair, given + family > 0 {
            let scale = pair / (given + family)
            given *= scale
            family *= scale
        }
        return (given, family)
    }

    /// The frequency of the query's own spelling tells how often strangers share exactly that name, not how often they
    /// have a merely similar one (Amanmuradov ~ Annamuradov): below identity the table's u applies, unless lower still.
    @inline(__always)
    func agreeWeight(_ similarity: Double, _ frequency: Double?, _ table: Double) -> Double {
        guard let frequency else { return table }
        return similarity >= Self.identical ? frequency : min(frequency, table)
    }

    static let identical = 0.999

    @inline(__always)
    func weight(_ d: Breakdown, names: NameWeights = NameWeights()) -> Double {
        let w = weights
        let n = nameFieldWeights(d, names)
        return n.given + n.family + patronymicWeight(d.patronymic)
            + dateWeight(d.date, names.birthYear) + levelWeight(d.sex, w.sexAgree, w.sexDisagree)
            + levelWeight(d.citizenship, w.citizenshipAgree, w.citizenshipDisagree)
            + keyWeight(d.document, w.documentAgree, w.documentDisagree) + keyWeight(d.phone, w.phoneAgree, w.phoneDisagree)
    }

    @inline(__always) func level(_ similarity: Double) -> AgreementLevel {
        similarity < 0 ? .missing : similarity >= nameAgree ? .agree : similarity >= namePartial ? .partial : .disagree
    }

    @inline(__always) func nameWeight(_ s: Double, _ agree: Double, _ partial: Double, _ disagree: Double) -> Double {
        switch level(s) {
        case .agree: agree
        case .partial: partial
        case .disagree: disagree
        case .missing: 0
        }
    }

    /// A father's name shared by two strangers with one full name is rare; a partial match says nothing either way.
    @inline(__always) func patronymicWeight(_ s: Double) -> Double {
        switch level(s) {
        case .agree: weights.patronymicAgree
        case .disagree: weights.patronymicDisagree
        case .partial, .missing: 0
        }
    }

    @inline(__always) func levelWeight(_ level: AgreementLevel, _ agree: Double, _ disagree: Double) -> Double {
        level == .agree ? agree : level == .disagree ? disagree : 0
    }

    @inline(__always) func keyWeight(_ k: KeyAgreement, _ agree: Double, _ disagree: Double) -> Double {
        k == .shared ? agree : k == .noneShared ? disagree : 0
    }

    /// `yearBits`: the birth year's frequency adjustment, for the levels where the years are equal.
    @inline(__always) func dateWeight(_ d: DateAgreement, _ yearBits: Double = 0) -> Double {
        switch d {
        case .missing: 0
        case .exact: weights.dateExact + yearBits
        case .yearMonth: weights.dateYearMonth + yearBits
        case .year: weights.dateYear + yearBits
        case .swapped: weights.dateSwapped + yearBits
        case .typo: weights.dateTypo
        case .disagree: weights.dateDisagree
        }
    }

    /// Compares at the precision both sides have; a single-digit slip or a day/month swap is partial agreement.
    static func dates(_ a: FixedFields, _ b: FixedFields) -> DateAgreement {
        if a.year == 0 || b.year == 0 { return .missing }
        let bothMonth = a.month != 0 && b.month != 0, bothDay = bothMonth && a.day != 0 && b.day != 0
        if bothDay {
            if a.year == b.year && a.month == b.month && a.day == b.day { return .exact }
            if a.year == b.year && a.month == b.day && a.day == b.month { return .swapped }
            let slips = digitSlips(Int(a.year), Int(b.year), 4) + digitSlips(Int(a.month), Int(b.month), 2) + digitSlips(Int(a.day), Int(b.day), 2)
            return slips == 1 ? .typo : .disagree
        }
        // Without both days a one-digit slip is too common between strangers (02/05, 1993/1997) to count.
        if bothMonth { return a.year == b.year && a.month == b.month ? .yearMonth : .disagree }
        // Years alone: any two years in one decade differ by one digit, so a slip is no evidence here.
        return a.year == b.year ? .year : .disagree
    }

    /// 0 if equal, 1 if one digit differs or two adjacent digits are swapped, 2 otherwise.
    static func digitSlips(_ x: Int, _ y: Int, _ width: Int) -> Int {
        if x == y { return 0 }
        var p = x, q = y, count = 0, first = -1, second = -1
        var firstPair = (0, 0), secondPair = (0, 0)
        for k in 0..<width {
            let dx = p % 10, dy = q % 10
            if dx != dy {
                count += 1
                if count == 1 { first = k; firstPair = (dx, dy) } else if count == 2 { second = k; secondPair = (dx, dy) }
            }
            p /= 10; q /= 10
        }
        if count == 1 { return 1 }
        if count == 2, second == first + 1, firstPair.0 == secondPair.1, firstPair.1 == secondPair.0 { return 1 }
        return 2
    }

    @inline(__always)
    static func patronymics(_ a: Blob.Bytes, _ b: Blob.Bytes) -> Double {
        let pa = Blob.patronymics(a), pb = Blob.patronymics(b)
        if pa.count == 0 || pb.count == 0 { return -1 }
        var best = 0.0
        var ta = pa.offset
        for _ in 0..<pa.count {
            var tb = pb.offset
            for _ in 0..<pb.count {
                best = max(best, NameComparison.tokenSimilarity(a, ta, b, tb))
                tb += Blob.tokenSize(b, tb)
            }
            ta += Blob.tokenSize(a, ta)
        }
        return best
    }

    @inline(__always)
    static func keys(_ a: Blob.Bytes, _ da: (offset: Int, count: Int), _ b: Blob.Bytes, _ db: (offset: Int, count: Int)) -> KeyAgreement {
        if da.count == 0 || db.count == 0 { return .missing }
        for i in 0..<da.count {
            let key = Blob.document(a, da.offset, i)
            for j in 0..<db.count where Blob.document(b, db.offset, j) == key { return .shared }
        }
        return .noneShared
    }
}

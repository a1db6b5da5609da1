/// The figures the population is drawn from. Each weight names its source; weights marked "assumed" have none
/// and are there to make the data plausible, not to describe Belarus.
/// Sources: /work/shared/reference/belarus-entitlements.md ("Context figures"), which cites the labour-migration
/// statistics for January-September 2025 and the UNHCR Belarus fact sheet of February 2021 (mid-2020 figures).
enum SyntheticFigures {
    enum Track: Sendable { case labour, protection, stateless }

    /// Labour migrants Jan-Sep 2025 (32,381); refugees and complementary protection 2,823 plus asylum seekers 111,
    /// and stateless persons 6,296 (UNHCR, mid-2020). Mixing arrivals with stocks is an approximation.
    static let tracks = SyntheticWeightedTable<Track>([(.labour, 32_381), (.protection, 2_823 + 111), (.stateless, 6_296)])

    /// Labour migration Jan-Sep 2025: Turkmenistan 14.9k, Russia 3.4k, Ukraine 2.9k, Uzbekistan 2.6k, China 2.5k,
    /// about 114 countries. The remaining 6.1k are spread over a tail whose weights are assumed.
    static let labourOrigins = SyntheticWeightedTable<Int>([
        (SyntheticOrigin.index("TM"), 14_900), (SyntheticOrigin.index("RU"), 3_400), (SyntheticOrigin.index("UA"), 2_900),
        (SyntheticOrigin.index("UZ"), 2_600), (SyntheticOrigin.index("CN"), 2_500),
        // Tail, assumed: together about 6.1k = 32,381 minus the top five.
        (SyntheticOrigin.index("TJ"), 900), (SyntheticOrigin.index("KZ"), 450), (SyntheticOrigin.index("KG"), 450), (SyntheticOrigin.index("AM"), 400),
        (SyntheticOrigin.index("AZ"), 500), (SyntheticOrigin.index("MD"), 250), (SyntheticOrigin.index("GE"), 200), (SyntheticOrigin.index("IN"), 600),
        (SyntheticOrigin.index("VN"), 300), (SyntheticOrigin.index("NG"), 200), (SyntheticOrigin.index("IQ"), 200), (SyntheticOrigin.index("IR"), 200),
        (SyntheticOrigin.index("PK"), 300), (SyntheticOrigin.index("LK"), 300), (SyntheticOrigin.index("TR"), 400), (SyntheticOrigin.index("LB"), 100),
        (SyntheticOrigin.index("SY"), 50), (SyntheticOrigin.index("AF"), 50),
    ])

    /// Main origins of protection holders are Ukraine, Afghanistan and Syria (UNHCR fact sheet, Feb 2021);
    /// the shares are assumed.
    static let protectionOrigins = SyntheticWeightedTable<Int>([
        (SyntheticOrigin.index("UA"), 50), (SyntheticOrigin.index("AF"), 25), (SyntheticOrigin.index("SY"), 15), (SyntheticOrigin.index("IQ"), 4),
        (SyntheticOrigin.index("IR"), 2), (SyntheticOrigin.index("GE"), 2), (SyntheticOrigin.index("TJ"), 2),
    ])

    /// Country of birth of stateless persons: former Soviet republics, assumed shares (most stateless people in
    /// Belarus are former USSR citizens who never acquired a successor citizenship).
    static let statelessOrigins = SyntheticWeightedTable<Int>([
        (SyntheticOrigin.index("RU"), 35), (SyntheticOrigin.index("UA"), 20), (SyntheticOrigin.index("BY"), 15), (SyntheticOrigin.index("KZ"), 10),
        (SyntheticOrigin.index("UZ"), 8), (SyntheticOrigin.index("AZ"), 4), (SyntheticOrigin.index("AM"), 4), (SyntheticOrigin.index("TJ"), 2),
        (SyntheticOrigin.index("MD"), 2),
    ])

    /// Protection statuses: asylum seekers 111 of 2,934 (UNHCR, mid-2020); the split of the 2,823 between
    /// refugee and additional protection, and the temporary-protection share, are assumed.
    static let protectionStatuses = SyntheticWeightedTable<String>([
        ("refugee", 1_100), ("additional-protection", 1_450), ("temporary-protection", 273), ("asylum-seeker", 111),
    ])

    /// ISO 3166-2:BY. Assumed weights: no source gives migrants by region; Minsk city is by far the largest.
    static let regions = SyntheticWeightedTable<String>([
        ("BY-HM", 45), ("BY-MI", 14), ("BY-BR", 10), ("BY-HO", 9), ("BY-HR", 8), ("BY-VI", 7), ("BY-MA", 7),
    ])

    /// Age bands (lower, upper, weight) per track, assumed: labour migration is working-age heavy, protection
    /// holders came with families, stateless persons are older (many lost Soviet citizenship in the 1990s).
    static func ages(_ track: Track) -> SyntheticWeightedTable<ClosedRange<Int>> {
        switch track {
        case .labour: labourAges
        case .protection: protectionAges
        case .stateless: statelessAges
        }
    }
    static let labourAges = SyntheticWeightedTable<ClosedRange<Int>>([(0...17, 8), (18...29, 35), (30...45, 40), (46...64, 15), (65...85, 2)])
    static let protectionAges = SyntheticWeightedTable<ClosedRange<Int>>([(0...17, 25), (18...29, 25), (30...45, 28), (46...64, 14), (65...90, 8)])
    static let statelessAges = SyntheticWeightedTable<ClosedRange<Int>>([(0...17, 8), (18...29, 12), (30...45, 25), (46...64, 35), (65...95, 20)])

    /// Share of women among adults, assumed: labour migration to Belarus is mostly men.
    static func femaleShare(_ track: Track) -> Double { track == .labour ? 0.3 : 0.5 }

    /// Birth date precision, from the brief: about 15% know only the year, some the year and month (10% assumed).
    static let yearOnlyShare = 0.15
    static let yearMonthShare = 0.10

    /// Small irregular shares of the labour track, assumed.
    static let undocumentedShare = 0.015
    static let detainedShare = 0.002

    /// Belarusian insurers offering the compulsory policy for foreigners (Decree No. 108 of 2025); weights assumed.
    static let insurers = SyntheticWeightedTable<String>([
        ("belgosstrakh", 40), ("beleximgarant", 15), ("promtransinvest", 15), ("task", 10),
        ("belneftestrakh", 8), ("kupala", 7), ("bnb-insurance", 5),
    ])

    /// Belarusian mobile prefixes: 29 (A1, MTS), 33 (MTS), 44 (A1), 25 (life:); shares assumed.
    static let mobilePrefixes = SyntheticWeightedTable<String>([("+37529", 35), ("+37533", 25), ("+37544", 25), ("+37525", 15)])
    static let phoneShare = 0.85

    /// Non-duplicate records that share a household (surname, origin, region, arrival) with an earlier person:
    /// hard negatives for the matcher. Assumed.
    static let relativeShare = 0.03
}

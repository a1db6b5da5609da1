/// Turkmen, Uzbek, Tajik, Kyrgyz and Kazakh names. Latin: passport spelling first, then national orthography
/// (Turkmen 1993 Latin with ş ç ý ä ö ü ž ň; Uzbek 1995 Latin with o' g' sh ch; Kazakh 2021 Latin) where it differs.
/// Cyrillic: national Cyrillic first where it has its own letters (Uzbek Ў Қ Ғ Ҳ, Tajik Ҷ Ҳ Қ Ғ Ӣ Ӯ, Kazakh Ә Ғ Қ Ң Ө Ұ Ү І,
/// Kyrgyz Ң Ө Ү), then the Russian Cyrillic spelling used in Belarusian records.

extension SyntheticNameGroup {
    static let kyrgyz = SyntheticNameGroup(
        scripts: [.cyrillic, .latin], registration: [0.75, 0.25], patronymics: .sometimes, gendered: true,
        male: """
        Азамат|Azamat
        Нурлан|Nurlan
        Бакыт|Bakyt
        Эрлан|Erlan
        Талант|Talant
        Улан|Ulan
        Айбек|Aibek,Aybek
        Эмил,Эмиль|Emil
        Нурбек|Nurbek
        Мирлан|Mirlan
        Үсөн,Усен|Usen,Uson
        Бекжан|Bekzhan,Bekjan
        Чыңгыз,Чингиз|Chyngyz,Chingiz
        Жоомарт|Zhoomart,Joomart
        Алмаз|Almaz
        Тилек|Tilek
        """,
        female: """
        Айгүл,Айгуль|Aigul,Aygul
        Айжан|Aizhan,Aijan
        Гүлнара,Гульнара|Gulnara
        Нургүл,Нургуль|Nurgul
        Бермет|Bermet
        Жылдыз,Джылдыз|Zhyldyz,Jyldyz
        Чолпон|Cholpon
        Назгүл,Назгуль|Nazgul
        Айпери|Aiperi
        Бегимай|Begimai
        Мээрим|Meerim
        Элнура|Elnura
        Асел,Асель|Asel
        """,
        family: """
        Асанов|Asanov
        Токтогулов|Toktogulov
        Жээнбеков|Zheenbekov,Jeenbekov
        Осмонов|Osmonov
        Абдыкадыров|Abdykadyrov
        Мамбетов|Mambetov
        Сыдыков|Sydykov
        Турдубаев|Turdubaev
        Бейшеналиев|Beishenaliev
        Кадыров|Kadyrov
        Өмүрбеков,Омурбеков|Omurbekov
        Жумабаев|Zhumabaev,Jumabaev
        Ташиев|Tashiev
        Кубанычбеков|Kubanychbekov
        Акматов|Akmatov
        """)

    static let kazakh = SyntheticNameGroup(
        scripts: [.cyrillic, .latin], registration: [0.75, 0.25], patronymics: .sometimes, gendered: true,
        male: """
        Нұрлан,Нурлан|Nurlan
        Ерлан|Yerlan,Erlan
        Асхат|Askhat,Ashat
        Бауыржан,Бауржан|Bauyrzhan,Baurzhan
        Данияр|Daniyar
        Ерболат|Yerbolat,Erbolat
        Айдос|Aidos
        Мұрат,Мурат|Murat
        Серік,Серик|Serik
        Арман|Arman
        Ержан|Yerzhan,Erzhan
        Қайрат,Кайрат|Kairat,Qairat
        Жандос|Zhandos
        Тимур|Timur
        Нұрсұлтан,Нурсултан|Nursultan
        """,
        female: """
        Айгерім,Айгерим|Aigerim
        Динара|Dinara
        Гүлнар,Гульнар|Gulnar
        Жанар|Zhanar
        Әсем,Асем|Assem,Asem
        Ақмарал,Акмарал|Akmaral,Aqmaral
        Мөлдір,Молдир|Moldir
        Салтанат|Saltanat
        Айдана|Aidana
        Назерке|Nazerke
        Жансая|Zhansaya
        Арай|Arai
        Камила|Kamila
        """,
        family: """
        Ахметов|Akhmetov
        Омаров|Omarov
        Сейтов|Seitov
        Жақсыбеков,Жаксыбеков|Zhaksybekov
        Оспанов|Ospanov
        Әбенов,Абенов|Abenov
        Сүлейменов,Сулейменов|Suleimenov,Suleymenov
        Нұрпейісов,Нурпеисов|Nurpeisov
        Ысқақов,Искаков|Iskakov
        Қасымов,Касымов|Kassymov,Kasymov
        Байжанов|Baizhanov
        Жұмабаев,Жумабаев|Zhumabayev,Zhumabaev
        Серікбаев,Серикбаев|Serikbayev,Serikbaev
        """)
}

/// Turkmen, Uzbek, Tajik, Kyrgyz and Kazakh names. Latin: passport spelling first, then national orthography
/// (Turkmen 1993 Latin with ş ç ý ä ö ü ž ň; Uzbek 1995 Latin with o' g' sh ch; Kazakh 2021 Latin) where it differs.
/// Cyrillic: national Cyrillic first where it has its own letters (Uzbek Ў Қ Ғ Ҳ, Tajik Ҷ Ҳ Қ Ғ Ӣ Ӯ, Kazakh Ә Ғ Қ Ң Ө Ұ Ү І,
/// Kyrgyz Ң Ө Ү), then the Russian Cyrillic spelling used in Belarusian records.
extension SyntheticNameGroup {
    static let turkmen = SyntheticNameGroup(
        scripts: [.latin, .cyrillic], registration: [0.5, 0.5], patronymics: .sometimes, gendered: true,
        male: """
        Shatlyk,Şatlyk|Шатлык
        Myrat,Murat|Мырат,Мурат
        Serdar|Сердар
        Batyr|Батыр
        Dovlet,Döwlet|Довлет
        Atajan|Атаджан
        Merdan|Мердан
        Begench,Begenç|Бегенч
        Annamyrat,Annamurat|Аннамырат,Аннамурат
        Yusup,Ýusup|Юсуп
        Maksat|Максат
        Dovran,Döwran|Довран
        Guvanch,Güwanç|Гуванч
        Mekan|Мекан
        Arslan|Арслан
        Gurbanguly|Гурбангулы
        Muhammet,Mukhammet|Мухаммет
        Rustam,Rüstem|Рустам,Рустем
        Kakajan|Какаджан
        Nurmuhammet,Nurmukhammet|Нурмухаммет
        """,
        female: """
        Aygul,Aýgül|Айгуль,Айгюль
        Maya,Maýa|Мая
        Jeren|Джерен
        Bahar|Бахар
        Gozel,Gözel|Гозель,Гёзель
        Leyli,Leýli|Лейли
        Ayna,Aýna|Айна
        Selbi|Сельби
        Mahri,Mähri|Махри,Мяхри
        Ogulnabat|Огулнабат
        Sona|Сона
        Altyn|Алтын
        Gulshat,Gülşat|Гульшат
        Enejan|Энеджан
        Ogulgerek|Огулгерек
        Jemal|Джемал,Джамал
        """,
        family: """
        Ovezov,Öwezow|Овезов
        Annayev,Annaýew|Аннаев
        Berdiyev,Berdiýew|Бердыев,Бердиев
        Muradov,Myradow|Мурадов
        Atayev,Ataýew|Атаев
        Nurmuradov,Nurmyradow|Нурмурадов
        Charyyev,Çaryýew|Чарыев
        Hojayev,Hojaýew|Ходжаев
        Durdyyev,Durdyýew|Дурдыев
        Orazov,Orazow|Оразов
        Gurbanov,Gurbanow|Гурбанов
        Amanov,Amanow|Аманов
        Rejepov,Rejepow|Реджепов
        Saparov,Saparow|Сапаров
        Ashirov,Aşyrow|Аширов,Ашыров
        Hudayberdiyev,Hudaýberdiýew|Худайбердыев
        Yazmuradov,Ýazmyradow|Язмурадов
        Bayramov,Baýramow|Байрамов
        """)

    static let uzbek = SyntheticNameGroup(
        scripts: [.latin, .cyrillic], registration: [0.45, 0.55], patronymics: .sometimes, gendered: true,
        male: """
        Jasur|Жасур,Джасур
        Sardor|Сардор
        Bekzod|Бекзод
        Otabek|Отабек
        Sherzod|Шерзод
        Javlon|Жавлон,Джавлон
        Dilshod|Дилшод
        Rustam|Рустам
        Akmal|Акмал,Акмаль
        Bobur|Бобур
        Doston|Достон
        Jamshid|Жамшид,Джамшид
        Nodir|Нодир
        Ulug'bek,Ulugbek|Улуғбек,Улугбек
        O'ktam,Uktam,Oktam|Ўктам,Уктам
        Muhammad,Mukhammad|Муҳаммад,Мухаммад
        Abdulla|Абдулла
        Farhod,Farkhod|Фарҳод,Фарход
        Sanjar|Санжар,Санджар
        Shohruh,Shokhrukh|Шоҳруҳ,Шохрух
        Aziz|Азиз
        Temur,Timur|Темур,Тимур
        Ilhom,Ilkhom|Илҳом,Ильхом
        G'ayrat,Gayrat|Ғайрат,Гайрат
        """,
        female: """
        Dilnoza|Дилноза
        Nilufar|Нилуфар
        Gulnora|Гулнора,Гульнора
        Shahnoza,Shakhnoza|Шаҳноза,Шахноза
        Madina|Мадина
        Zarina|Зарина
        Feruza|Феруза
        Kamola|Камола
        Malika|Малика
        Nodira|Нодира
        Dildora|Дилдора
        Mohira,Mokhira|Моҳира,Мохира
        Sevara|Севара
        Gulchehra,Gulchekhra|Гулчеҳра,Гульчехра
        Zuhra,Zukhra|Зуҳра,Зухра
        Barno|Барно
        O'g'iloy,Ugiloy|Ўғилой,Угилой
        """,
        family: """
        Rahimov,Rakhimov|Раҳимов,Рахимов
        Karimov|Каримов
        Yusupov,Iusupov|Юсупов
        Tursunov|Турсунов
        Aliyev,Aliev|Алиев
        Ergashev|Эргашев
        Abdullayev,Abdullaev|Абдуллаев
        Xolmatov,Kholmatov|Холматов
        Sobirov|Собиров
        Usmonov,Usmanov|Усмонов,Усманов
        Nazarov|Назаров
        Qodirov,Kodirov,Kadyrov|Қодиров,Кодиров,Кадыров
        Mirzayev,Mirzaev|Мирзаев
        Toshmatov,Tashmatov|Тошматов,Ташматов
        Yo'ldoshev,Yuldashev|Йўлдошев,Юлдашев
        Ismoilov,Ismailov|Исмоилов,Исмаилов
        Saidov|Саидов
        Jo'rayev,Juraev|Жўраев,Джураев
        Xasanov,Khasanov|Ҳасанов,Хасанов
        Normatov|Норматов
        """)

    static let tajik = SyntheticNameGroup(
        scripts: [.cyrillic, .latin], registration: [0.7, 0.3], patronymics: .sometimes, gendered: true,
        male: """
        Ҷамшед,Джамшед|Jamshed,Dzhamshed
        Фаррух|Farrukh,Farruh
        Раҳмон,Рахмон|Rahmon,Rakhmon
        Фирдавс|Firdavs
        Шоҳрух,Шохрух|Shohrukh,Shokhrukh
        Муҳаммад,Мухаммад|Muhammad,Mukhammad
        Умед|Umed
        Далер|Daler
        Сӯҳроб,Сухроб|Suhrob,Sukhrob
        Комрон|Komron,Kamron
        Исмоил,Исмаил|Ismoil,Ismail
        Зафар|Zafar
        Баҳодур,Баходур|Bahodur,Bakhodur
        Нематулло|Nematullo
        Хуршед|Khurshed,Hurshed
        Ҳусейн,Хусейн|Husein,Khusein
        Алишер|Alisher
        Абдуллоҳ,Абдулло|Abdulloh,Abdullo
        Ғайрат,Гайрат|Ghayrat,Gairat
        Ӯткир,Уткир|Utkir
        """,
        female: """
        Мадина|Madina
        Нигора|Nigora
        Шаҳло,Шахло|Shahlo,Shakhlo
        Зарина|Zarina
        Таҳмина,Тахмина|Tahmina,Takhmina
        Фарангис|Farangis
        Гулноза|Gulnoza
        Меҳрона,Мехрона|Mehrona,Mekhrona
        Дилноза|Dilnoza
        Парвина|Parvina
        Мавҷуда,Мавджуда|Mavjuda,Mavdzhuda
        Зебо|Zebo
        Ҳилола,Хилола|Hilola,Khilola
        Шабнам|Shabnam
        Нилуфар|Nilufar
        Маҳина,Махина|Mahina,Makhina
        """,
        family: """
        Раҳимов,Рахимов|Rahimov,Rakhimov
        Раҳмонов,Рахмонов|Rahmonov,Rakhmonov
        Сафаров|Safarov
        Назаров|Nazarov
        Шарипов|Sharipov
        Каримов|Karimov
        Қодиров,Кодиров|Qodirov,Kodirov
        Ҳасанов,Хасанов|Hasanov,Khasanov
        Давлатов|Davlatov
        Азизов|Azizov
        Мирзоев|Mirzoev,Mirzoyev
        Раҳимзода,Рахимзода|Rahimzoda,Rakhimzoda
        Саидзода|Saidzoda
        Наимов|Naimov
        Ҷумъаев,Джумаев|Jumaev,Dzhumaev
        Ғафуров,Гафуров|Ghafurov,Gafurov
        Қурбонов,Курбонов|Qurbonov,Kurbonov
        Ҳакимӣ,Хакими|Hakimi,Khakimi
        Ализода|Alizoda
        Шарифов|Sharifov
        """)

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

/// Azerbaijani (1991 Latin with ə ş ç ğ ı ö ü x q, then passport-style ASCII), Armenian (passport Latin after the
/// 2000s Armenian system, then older Russian-based forms), Georgian, Moldovan (Romanian with ă â î ș ț) and Turkish names.
extension SyntheticNameGroup {
    static let azerbaijani = SyntheticNameGroup(
        scripts: [.latin, .cyrillic], registration: [0.5, 0.5], patronymics: .sometimes, gendered: true,
        male: """
        Əli,Ali|Али
        Məmməd,Mammad,Mamed|Мамед,Маммад
        Elçin,Elchin|Эльчин
        Rəşad,Rashad|Рашад
        Orxan,Orkhan|Орхан
        Tural|Турал
        Elvin|Эльвин
        Ramil|Рамиль
        Vüqar,Vugar|Вугар
        Anar|Анар
        Kamran|Камран
        Fərid,Farid|Фарид
        Ceyhun,Jeyhun|Джейхун
        Nicat,Nijat|Ниджат
        Elnur|Эльнур
        Rauf|Рауф
        """,
        female: """
        Aynur|Айнур
        Günel,Gunel|Гюнель
        Leyla|Лейла
        Nərmin,Narmin|Нармин
        Aysel|Айсель
        Səbinə,Sabina|Сабина
        Nigar|Нигяр,Нигар
        Könül,Konul|Кёнуль,Конуль
        Aygün,Aygun|Айгюн
        Türkan,Turkan|Туркан
        Ülviyyə,Ulviyya|Ульвия
        Fidan|Фидан
        Şəbnəm,Shabnam|Шабнам
        Xədicə,Khadija|Хадиджа
        """,
        family: """
        Məmmədov,Mammadov,Mamedov|Мамедов,Маммадов
        Əliyev,Aliyev|Алиев
        Hüseynov,Huseynov,Guseynov|Гусейнов
        Həsənov,Hasanov,Gasanov|Гасанов,Хасанов
        İbrahimov,Ibrahimov|Ибрагимов
        Quliyev,Guliyev,Guliev|Гулиев
        Hacıyev,Hajiyev,Gadzhiev|Гаджиев
        Rzayev,Rzaev|Рзаев
        Musayev,Musaev|Мусаев
        Abbasov|Аббасов
        Babayev,Babaev|Бабаев
        Cəfərov,Jafarov,Dzhafarov|Джафаров
        Nəsirov,Nasirov|Насиров
        Qasımov,Gasimov,Kasumov|Касумов
        """)

    static let armenian = SyntheticNameGroup(
        scripts: [.latin, .cyrillic], registration: [0.4, 0.6], patronymics: .sometimes, gendered: false,
        male: """
        Armen|Армен
        Aram|Арам
        Tigran|Тигран
        Davit,David|Давид,Давит
        Gevorg|Геворг
        Hayk,Haik|Айк,Гайк
        Narek|Нарек
        Arman|Арман
        Vahe|Ваэ,Ваге
        Artur|Артур
        Karen|Карен
        Suren|Сурен
        Hovhannes,Ovanes|Ованес,Оганес
        Grigor|Григор
        Levon|Левон
        Ashot|Ашот
        Samvel|Самвел
        """,
        female: """
        Anahit|Анаит
        Ani|Ани
        Lilit|Лилит
        Mariam|Мариам
        Gayane,Gayaneh|Гаяне
        Nare|Наре,Нарэ
        Hasmik|Асмик
        Armine|Армине
        Anush|Ануш
        Siranush|Сирануш
        Tatevik|Татевик
        Lusine|Лусине
        Karine|Карине
        """,
        family: """
        Grigoryan,Grigorian|Григорян
        Hakobyan,Akopyan|Акопян,Акобян
        Harutyunyan,Arutyunyan|Арутюнян
        Sargsyan,Sargsian,Sarkisyan|Саргсян,Саркисян
        Petrosyan,Petrosian|Петросян
        Hovhannisyan,Oganesyan|Оганесян,Ованесян
        Khachatryan,Khachatrian|Хачатрян
        Karapetyan|Карапетян
        Gevorgyan|Геворгян
        Vardanyan|Варданян
        Mkrtchyan|Мкртчян
        Avetisyan|Аветисян
        Stepanyan|Степанян
        Ghazaryan,Kazaryan|Казарян
        Poghosyan,Pogosyan|Погосян
        """)

    static let georgian = SyntheticNameGroup(
        scripts: [.latin, .cyrillic], registration: [0.5, 0.5], gendered: false,
        male: """
        Giorgi|Гиорги,Георгий
        Davit|Давит,Давид
        Levan|Леван
        Nika|Ника
        Irakli|Ираклий,Иракли
        Zurab|Зураб
        Lasha|Лаша
        Tornike|Торнике
        Mikheil|Михеил
        Giga|Гига
        """,
        female: """
        Nino|Нино
        Tamar,Tamara|Тамар,Тамара
        Mariam|Мариам
        Ana|Ана
        Nana|Нана
        Eka|Эка
        Salome|Саломе
        Natia|Натиа
        """,
        family: """
        Beridze|Беридзе
        Kapanadze|Капанадзе
        Gelashvili|Гелашвили
        Maisuradze|Майсурадзе
        Giorgadze|Гиоргадзе
        Lomidze|Ломидзе
        Tsiklauri|Циклаури
        Bolkvadze|Болквадзе
        Nozadze|Нозадзе
        Khutsishvili|Хуцишвили
        """)

    static let moldovan = SyntheticNameGroup(
        scripts: [.latin, .cyrillic], registration: [0.5, 0.5], gendered: false,
        male: """
        Ion|Ион
        Vasile|Василе
        Andrei|Андрей
        Mihai|Михай
        Alexandru|Александру
        Sergiu|Серджиу,Сергиу
        Victor|Виктор
        Nicolae|Николае
        Dumitru|Думитру
        Vladimir|Владимир
        """,
        female: """
        Maria|Мария
        Elena|Елена
        Ana|Ана
        Natalia|Наталья,Наталия
        Svetlana|Светлана
        Tatiana|Татьяна
        Cristina|Кристина
        Doina|Дойна
        """,
        family: """
        Rusu|Русу
        Ceban,Cheban|Чебан
        Ciobanu|Чобану
        Munteanu|Мунтяну
        Cojocaru|Кожокару
        Popa|Попа
        Lungu|Лунгу
        Țurcanu,Turcanu|Цуркану
        Rotari|Ротарь,Ротари
        Sârbu,Sirbu|Сырбу
        """)

    static let turkish = SyntheticNameGroup(
        scripts: [.latin, .cyrillic], registration: [0.7, 0.3], gendered: false,
        male: """
        Mehmet|Мехмет
        Mustafa|Мустафа
        Ahmet|Ахмет
        Ali|Али
        Hüseyin,Huseyin|Хюсейн,Гусейн
        Hasan|Хасан
        İbrahim,Ibrahim|Ибрагим
        Murat|Мурат
        Emre|Эмре
        Burak|Бурак
        Yusuf|Юсуф
        Ömer,Omer|Омер
        """,
        female: """
        Ayşe,Ayse|Айше
        Fatma|Фатма
        Emine|Эмине
        Hatice|Хатидже
        Zeynep|Зейнеп
        Elif|Элиф
        Merve|Мерве
        Özlem,Ozlem|Озлем
        """,
        family: """
        Yılmaz,Yilmaz|Йылмаз
        Kaya|Кая
        Demir|Демир
        Şahin,Sahin|Шахин
        Çelik,Celik|Челик
        Yıldız,Yildiz|Йылдыз
        Yıldırım,Yildirim|Йылдырым
        Öztürk,Ozturk|Озтюрк
        Aydın,Aydin|Айдын
        Özdemir,Ozdemir|Оздемир
        Arslan|Арслан
        Doğan,Dogan|Доган
        """)
}

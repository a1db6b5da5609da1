/// Russian, Ukrainian and Belarusian names. Latin spellings are those of passports (ICAO 9303 transliteration used by
/// Russia since 2013 and Ukraine's national system of 2010) followed by older or English forms seen in practice.
extension SyntheticNameGroup {
    static let russian = SyntheticNameGroup(
        scripts: [.cyrillic, .latin], registration: [0.85, 0.15], patronymics: .usually, gendered: true,
        male: """
        Александр|Aleksandr,Alexander|Александрович/Александровна
        Сергей|Sergei,Sergey|Сергеевич/Сергеевна
        Дмитрий|Dmitrii,Dmitriy,Dmitry|Дмитриевич/Дмитриевна
        Андрей|Andrei,Andrey|Андреевич/Андреевна
        Алексей|Aleksei,Alexey,Aleksey|Алексеевич/Алексеевна
        Максим|Maksim,Maxim|Максимович/Максимовна
        Иван|Ivan|Иванович/Ивановна
        Михаил|Mikhail|Михайлович/Михайловна
        Николай|Nikolai,Nikolay|Николаевич/Николаевна
        Владимир|Vladimir|Владимирович/Владимировна
        Евгений|Evgenii,Evgeniy,Yevgeny|Евгеньевич/Евгеньевна
        Артём,Артем|Artem,Artyom|Артёмович/Артёмовна,Артемович/Артемовна
        Павел|Pavel|Павлович/Павловна
        Денис|Denis|Денисович/Денисовна
        Никита|Nikita|Никитич/Никитична
        Илья|Ilia,Ilya|Ильич/Ильинична
        Виктор|Viktor,Victor|Викторович/Викторовна
        Олег|Oleg|Олегович/Олеговна
        Юрий|Iurii,Yuriy,Yury|Юрьевич/Юрьевна
        Игорь|Igor|Игоревич/Игоревна
        Роман|Roman|Романович/Романовна
        Кирилл|Kirill|Кириллович/Кирилловна
        Антон|Anton|Антонович/Антоновна
        Вадим|Vadim|Вадимович/Вадимовна
        Константин|Konstantin|Константинович/Константиновна
        Георгий|Georgii,Georgiy|Георгиевич/Георгиевна
        Пётр,Петр|Petr,Pyotr|Петрович/Петровна
        Василий|Vasilii,Vasiliy|Васильевич/Васильевна
        """,
        female: """
        Анна|Anna
        Мария|Mariia,Maria,Mariya
        Елена|Elena,Yelena
        Ольга|Olga
        Наталья,Наталия|Natalia,Natalya
        Татьяна|Tatiana,Tatyana
        Ирина|Irina
        Екатерина|Ekaterina,Yekaterina
        Светлана|Svetlana
        Юлия|Iuliia,Yulia,Yuliya
        Анастасия|Anastasiia,Anastasia
        Дарья|Daria,Darya
        Ксения|Kseniia,Ksenia
        Марина|Marina
        Виктория|Viktoriia,Victoria
        Полина|Polina
        Алина|Alina
        Валентина|Valentina
        Людмила|Liudmila,Lyudmila
        Галина|Galina
        Софья,София|Sofia,Sofya
        Евгения|Evgeniia,Yevgenia
        Вера|Vera
        Надежда|Nadezhda
        """,
        family: """
        Иванов|Ivanov
        Смирнов|Smirnov
        Кузнецов|Kuznetsov
        Попов|Popov
        Васильев|Vasilev,Vasilyev
        Петров|Petrov
        Соколов|Sokolov
        Михайлов|Mikhailov,Mikhaylov
        Новиков|Novikov
        Фёдоров,Федоров|Fedorov,Fyodorov
        Морозов|Morozov
        Волков|Volkov
        Алексеев|Alekseev,Alexeyev
        Лебедев|Lebedev
        Семёнов,Семенов|Semenov,Semyonov
        Егоров|Egorov,Yegorov
        Павлов|Pavlov
        Козлов|Kozlov
        Степанов|Stepanov
        Николаев|Nikolaev,Nikolayev
        Орлов|Orlov
        Андреев|Andreev,Andreyev
        Макаров|Makarov
        Никитин|Nikitin
        Захаров|Zakharov
        Зайцев|Zaitsev,Zaytsev
        Соловьёв,Соловьев|Solovev,Solovyov
        Борисов|Borisov
        Яковлев|Iakovlev,Yakovlev
        Григорьев|Grigorev,Grigoryev
        Белов|Belov
        Тарасов|Tarasov
        """)

    /// Ukrainian Cyrillic first, then the Russian form under which Belarusian records often carry the same person.
    static let ukrainian = SyntheticNameGroup(
        scripts: [.cyrillic, .latin], registration: [0.8, 0.2], patronymics: .usually, gendered: true,
        male: """
        Олександр,Александр|Oleksandr,Aleksandr|Олександрович/Олександрівна,Александрович/Александровна
        Андрій,Андрей|Andrii,Andrey|Андрійович/Андріївна,Андреевич/Андреевна
        Сергій,Сергей|Serhii,Sergey|Сергійович/Сергіївна,Сергеевич/Сергеевна
        Володимир,Владимир|Volodymyr,Vladimir|Володимирович/Володимирівна,Владимирович/Владимировна
        Дмитро,Дмитрий|Dmytro,Dmitriy|Дмитрович/Дмитрівна,Дмитриевич/Дмитриевна
        Олексій,Алексей|Oleksii,Aleksey|Олексійович/Олексіївна,Алексеевич/Алексеевна
        Микола,Николай|Mykola,Nikolay|Миколайович/Миколаївна,Николаевич/Николаевна
        Іван,Иван|Ivan|Іванович/Іванівна,Иванович/Ивановна
        Юрій,Юрий|Yurii,Yuriy|Юрійович/Юріївна,Юрьевич/Юрьевна
        Василь,Василий|Vasyl,Vasiliy|Васильович/Василівна,Васильевич/Васильевна
        Богдан|Bohdan,Bogdan|Богданович/Богданівна,Богданович/Богдановна
        Тарас|Taras|Тарасович/Тарасівна,Тарасович/Тарасовна
        Петро,Пётр|Petro,Petr|Петрович/Петрівна,Петрович/Петровна
        Віктор,Виктор|Viktor|Вікторович/Вікторівна,Викторович/Викторовна
        Максим|Maksym,Maksim|Максимович/Максимівна,Максимович/Максимовна
        Євген,Евгений|Yevhen,Evgeniy|Євгенович/Євгенівна,Евгеньевич/Евгеньевна
        Ігор,Игорь|Ihor,Igor|Ігорович/Ігорівна,Игоревич/Игоревна
        Михайло,Михаил|Mykhailo,Mikhail|Михайлович/Михайлівна,Михайлович/Михайловна
        Роман|Roman|Романович/Романівна,Романович/Романовна
        Артем,Артём|Artem,Artyom|Артемович/Артемівна,Артёмович/Артёмовна
        """,
        female: """
        Олена,Елена|Olena,Elena
        Наталія,Наталья|Nataliia,Natalya
        Ірина,Ирина|Iryna,Irina
        Оксана|Oksana
        Тетяна,Татьяна|Tetiana,Tatyana
        Світлана,Светлана|Svitlana,Svetlana
        Юлія,Юлия|Yuliia,Yulia
        Ольга|Olha,Olga
        Марія,Мария|Mariia,Maria
        Анна|Anna
        Катерина,Екатерина|Kateryna,Ekaterina
        Галина|Halyna,Galina
        Людмила|Liudmyla,Lyudmila
        Вікторія,Виктория|Viktoriia,Viktoria
        Анастасія,Анастасия|Anastasiia,Anastasia
        Софія,София|Sofiia,Sofia
        Ганна,Анна|Hanna,Anna
        Валентина|Valentyna,Valentina
        """,
        family: """
        Шевченко|Shevchenko
        Коваленко|Kovalenko
        Бондаренко|Bondarenko
        Ткаченко|Tkachenko
        Кравченко|Kravchenko
        Олійник,Олейник|Oliinyk,Oleynik
        Шевчук|Shevchuk
        Коваль|Koval
        Поліщук,Полищук|Polishchuk
        Бойко|Boiko,Boyko
        Ткачук|Tkachuk
        Савченко|Savchenko
        Руденко|Rudenko
        Мельник|Melnyk,Melnik
        Марченко|Marchenko
        Лисенко,Лысенко|Lysenko
        Петренко|Petrenko
        Клименко|Klymenko,Klimenko
        Мороз|Moroz
        Гончаренко|Honcharenko,Goncharenko
        Ковальчук|Kovalchuk
        Павленко|Pavlenko
        Кравчук|Kravchuk
        Ковальський,Ковальский|Kovalskyi,Kovalskiy
        Гриценко|Hrytsenko,Gritsenko
        Литвиненко|Lytvynenko,Litvinenko
        """)

    /// Belarusian surnames for mixed families: Russian-form Cyrillic first, Belarusian second; Latin as in Belarusian
    /// passports (BGN/PCGN-based national system) and then the Russian-based form.
    static let belarusian = SyntheticNameGroup(
        scripts: [.cyrillic, .latin], registration: [0.9, 0.1], patronymics: .usually, gendered: true,
        male: "", female: "",
        family: """
        Новик,Навік|Novik,Navik
        Лукашевич,Лукашэвіч|Lukashevich
        Ковалевич,Кавалевіч|Kavalevich,Kovalevich
        Жук|Zhuk
        Карпович,Карповіч|Karpovich
        Макаревич,Макарэвіч|Makarevich
        Сидорович,Сідаровіч|Sidarovich,Sidorovich
        Василевич,Васілевіч|Vasilevich
        Климович,Клімовіч|Klimovich
        Савицкий,Савіцкі|Savitski,Savitskiy
        Козловский,Казлоўскі|Kazlouski,Kozlovskiy
        Ковалёв,Кавалёў|Kavaliou,Kovalev
        Мельников,Мельнікаў|Melnikau,Melnikov
        Богданович,Багдановіч|Bahdanovich,Bogdanovich
        Шевчук,Шаўчук|Shauchuk,Shevchuk
        Кравченко,Краўчэнка|Krauchenka,Kravchenko
        """)
}

/// Chinese (Hanyu Pinyin as in PRC passports; Cyrillic by the Palladius system, then common non-standard forms;
/// simplified Han), Arabic (Syria, Iraq, Lebanon), Persian/Dari (Afghanistan, Iran; Persian ی and ک differ from
/// Arabic ي and ك), Urdu (Pakistan), and Latin-script names from India, Sri Lanka, Vietnam and Nigeria.

extension SyntheticNameGroup {
    /// Vietnamese passports print names without diacritics; the Vietnamese spelling follows as a variant.
    static let vietnamese = SyntheticNameGroup(
        scripts: [.latin, .cyrillic], registration: [0.7, 0.3], gendered: false,
        male: """
        Van Hung,Văn Hùng|Ван Хунг
        Minh Tuan,Minh Tuấn|Минь Туан
        Duc Anh,Đức Anh|Дык Ань
        Quang Huy|Куанг Хюи
        Thanh Long,Thành Long|Тхань Лонг
        Hoang Nam,Hoàng Nam|Хоанг Нам
        Van Duc,Văn Đức|Ван Дык
        Tuan Anh,Tuấn Anh|Туан Ань
        """,
        female: """
        Thi Lan,Thị Lan|Тхи Лан
        Thi Huong,Thị Hương|Тхи Хыонг
        Thu Trang|Тху Чанг
        Ngoc Anh,Ngọc Anh|Нгок Ань
        Thi Mai,Thị Mai|Тхи Май
        Thanh Ha,Thanh Hà|Тхань Ха
        Thi Hoa,Thị Hoa|Тхи Хоа
        Phuong Linh,Phương Linh|Фыонг Линь
        """,
        family: """
        Nguyen,Nguyễn|Нгуен
        Tran,Trần|Чан
        Le,Lê|Ле
        Pham,Phạm|Фам
        Hoang,Hoàng|Хоанг
        Vu,Vũ|Ву
        Dang,Đặng|Данг
        Bui,Bùi|Буй
        Do,Đỗ|До
        Ngo,Ngô|Нго
        """)

    static let nigerian = SyntheticNameGroup(
        scripts: [.latin, .cyrillic], registration: [0.75, 0.25], gendered: false,
        male: """
        Chinedu|Чинеду
        Emeka|Эмека
        Oluwaseun|Олувасеун
        Ibrahim|Ибрагим
        Musa|Муса
        Chukwuemeka|Чуквуэмека
        Olumide|Олумиде
        Adebayo|Адебайо
        Obinna|Обинна
        Samuel|Самуэль,Самуил
        Daniel|Даниэль,Даниел
        """,
        female: """
        Chioma|Чиома
        Ngozi|Нгози
        Aisha|Аиша
        Funmilayo|Фунмилайо
        Blessing|Блессинг
        Adaeze|Адаэзе
        Folake|Фолаке
        Amaka|Амака
        Grace|Грейс
        """,
        family: """
        Okafor|Окафор
        Adeyemi|Адейеми
        Okonkwo|Оконкво
        Ibrahim|Ибрагим
        Bello|Белло
        Eze|Эзе
        Ogunleye|Огунлейе
        Nwosu|Нвосу
        Abubakar|Абубакар
        Olawale|Олавале
        """)
}

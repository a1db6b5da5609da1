/// Chinese (Hanyu Pinyin as in PRC passports; Cyrillic by the Palladius system, then common non-standard forms;
/// simplified Han), Arabic (Syria, Iraq, Lebanon), Persian/Dari (Afghanistan, Iran; Persian ی and ک differ from
/// Arabic ي and ك), Urdu (Pakistan), and Latin-script names from India, Sri Lanka, Vietnam and Nigeria.
extension SyntheticNameGroup {
    static let chinese = SyntheticNameGroup(
        scripts: [.latin, .cyrillic, .han], registration: [0.65, 0.32, 0.03], gendered: false,
        male: """
        Wei|Вэй,Вей|伟
        Lei|Лэй,Лей|磊
        Jun|Цзюнь|军
        Yong|Юн|勇
        Jie|Цзе|杰
        Tao|Тао|涛
        Ming|Мин|明
        Chao|Чао|超
        Hao|Хао|浩
        Qiang|Цян|强
        Peng|Пэн,Пен|鹏
        Jian|Цзянь|建
        Zhiqiang|Чжицян|志强
        Jianguo|Цзяньго|建国
        Haoran|Хаожань|浩然
        Zihao|Цзыхао|子豪
        Bo|Бо|波
        Gang|Ган|刚
        """,
        female: """
        Fang|Фан|芳
        Min|Минь|敏
        Jing|Цзин|静
        Li|Ли|丽
        Yan|Янь|燕
        Na|На|娜
        Xiuying|Сюин|秀英
        Xiaohong|Сяохун|小红
        Ying|Ин|英
        Hua|Хуа|华
        Hong|Хун|红
        Juan|Цзюань|娟
        Lina|Лина|丽娜
        Ting|Тин|婷
        Xue|Сюэ|雪
        Mei|Мэй,Мей|梅
        """,
        family: """
        Wang|Ван|王
        Li|Ли|李
        Zhang|Чжан|张
        Liu|Лю|刘
        Chen|Чэнь,Чень|陈
        Yang|Ян|杨
        Huang|Хуан|黄
        Zhao|Чжао|赵
        Wu|У|吴
        Zhou|Чжоу|周
        Xu|Сюй|徐
        Sun|Сунь|孙
        Ma|Ма|马
        Zhu|Чжу|朱
        Hu|Ху|胡
        Guo|Го|郭
        Lin|Линь|林
        He|Хэ|何
        Gao|Гао|高
        Luo|Ло|罗
        """)

    static let arabic = SyntheticNameGroup(
        scripts: [.latin, .cyrillic, .arabic], registration: [0.6, 0.35, 0.05], gendered: false,
        male: """
        Mohammad,Muhammad,Mohammed,Mohamad|Мухаммад,Мохаммед,Мухаммед|محمد
        Ahmad,Ahmed|Ахмад,Ахмед|أحمد
        Ali|Али|علي
        Omar,Umar|Омар,Умар|عمر
        Khaled,Khalid|Халед,Халид|خالد
        Mahmoud,Mahmud|Махмуд|محمود
        Mustafa,Moustafa|Мустафа|مصطفى
        Hassan,Hasan|Хасан,Гасан|حسن
        Hussein,Husain,Hussain|Хусейн,Хуссейн|حسين
        Ibrahim|Ибрагим|إبراهيم
        Youssef,Yousef,Yusuf|Юсеф,Юсуф|يوسف
        Abdullah,Abdallah|Абдулла,Абдаллах|عبد الله
        Karim,Kareem|Карим|كريم
        Samer|Самер|سامر
        Fadi|Фади|فادي
        Bilal|Билал,Биляль|بلال
        Tariq,Tarek|Тарик,Тарек|طارق
        Rami|Рами|رامي
        Hamza|Хамза|حمزة
        Ammar|Аммар|عمار
        """,
        female: """
        Fatima,Fatma|Фатима|فاطمة
        Aisha,Aysha|Аиша,Айша|عائشة
        Maryam,Mariam|Марьям,Мариам|مريم
        Noor,Nour|Нур|نور
        Layla,Leila|Лейла|ليلى
        Zainab,Zeinab|Зейнаб,Зайнаб|زينب
        Rania|Рания|رانيا
        Huda,Hoda|Худа|هدى
        Amal|Амаль,Амал|أمل
        Hiba|Хиба|هبة
        Salma|Сальма,Салма|سلمى
        Rasha|Раша|رشا
        Dima|Дима|ديما
        Yasmin,Yasmine|Ясмин|ياسمين
        Reem,Rim|Рим|ريم
        Lina|Лина|لينا
        """,
        family: """
        Al-Ahmad,Alahmad|Аль-Ахмад|الأحمد
        Al-Hassan,Alhassan|Аль-Хасан|الحسن
        Al-Ali,Alali|Аль-Али|العلي
        Khalil,Khaleel|Халиль,Халил|خليل
        Haddad|Хаддад|حداد
        Hamdan|Хамдан|حمدان
        Al-Khatib,Alkhatib|Аль-Хатиб|الخطيب
        Darwish|Дарвиш|درويش
        Saleh,Salih|Салех,Салих|صالح
        Al-Jubouri,Al-Jabouri|Аль-Джубури,Аль-Джабури|الجبوري
        Al-Tamimi,Altamimi|Ат-Тамими,Аль-Тамими|التميمي
        Mansour,Mansur|Мансур|منصور
        Abbas|Аббас|عباس
        Hussein,Hussain|Хусейн|حسين
        Nasser,Nasir|Насер,Насир|ناصر
        Qasim,Kassem,Kasim|Касим|قاسم
        Al-Shammari,Alshammari|Аш-Шаммари,Аль-Шаммари|الشمري
        Youssef,Yousef|Юсеф,Юсуф|يوسف
        """)

    static let persian = SyntheticNameGroup(
        scripts: [.latin, .cyrillic, .arabic], registration: [0.6, 0.35, 0.05], gendered: false,
        male: """
        Mohammad,Muhammad|Мухаммад,Мохаммад|محمد
        Ahmad|Ахмад|احمد
        Ali|Али|علی
        Hamid|Хамид|حمید
        Rahmatullah,Rahmatulla|Рахматулла|رحمت‌الله
        Farhad|Фархад|فرهاد
        Jawad,Javad|Джавад|جواد
        Zabihullah|Забихулла|ذبیح‌الله
        Sayed,Said|Сайед,Саид|سید
        Hamidullah|Хамидулла|حمیدالله
        Karim|Карим|کریم
        Bashir|Башир|بشیر
        Nasir|Насир|ناصر
        Wahid,Vahid|Вахид|وحید
        Masoud,Massoud|Масуд|مسعود
        Abdullah|Абдулла|عبدالله
        Mirwais|Мирвайс|میرویس
        Sohrab|Сохраб|سهراب
        Reza|Реза|رضا
        Mehdi|Мехди|مهدی
        """,
        female: """
        Fatima,Fatemeh|Фатима|فاطمه
        Maryam|Марьям|مریم
        Zahra|Захра|زهرا
        Shabnam|Шабнам|شبنم
        Farzana,Farzaneh|Фарзана|فرزانه
        Nargis,Narges|Наргис|نرگس
        Parwana,Parvaneh|Парвана|پروانه
        Sara|Сара|سارا
        Mahbooba,Mahbuba|Махбуба|محبوبه
        Laila,Leila|Лейла|لیلا
        Roya|Роя|رویا
        Sima|Сима|سیما
        Fariba|Фариба|فریبا
        Nazanin|Назанин|نازنین
        """,
        family: """
        Ahmadi|Ахмади|احمدی
        Mohammadi|Мохаммади,Мухаммади|محمدی
        Hosseini,Husaini|Хосейни,Хусайни|حسینی
        Rahimi|Рахими|رحیمی
        Karimi|Карими|کریمی
        Sultani,Soltani|Султани|سلطانی
        Noori,Nouri|Нури|نوری
        Haidari,Heydari|Хайдари|حیدری
        Sadat|Садат|سادات
        Popal|Попал|پوپل
        Stanikzai|Станикзай|ستانکزی
        Wardak|Вардак|وردک
        Amiri|Амири|امیری
        Azizi|Азизи|عزیزی
        Safi|Сафи|صافی
        Jalali|Джалали|جلالی
        """)

    static let urdu = SyntheticNameGroup(
        scripts: [.latin, .cyrillic, .arabic], registration: [0.7, 0.28, 0.02], gendered: false,
        male: """
        Muhammad,Mohammad|Мухаммад|محمد
        Ali|Али|علی
        Usman,Osman|Усман|عثمان
        Bilal|Билал|بلال
        Imran|Имран|عمران
        Faisal|Фейсал,Файсал|فیصل
        Hamza|Хамза|حمزہ
        Asad|Асад|اسد
        Zeeshan|Зишан|ذیشان
        Adnan|Аднан|عدنان
        """,
        female: """
        Ayesha,Aisha|Айша,Аиша|عائشہ
        Fatima|Фатима|فاطمہ
        Sana|Сана|ثناء
        Hina|Хина|حنا
        Saba|Саба|صبا
        Rabia|Рабия|رابعہ
        Amna|Амна|آمنہ
        Mehwish|Мехвиш|مہوش
        """,
        family: """
        Khan|Хан|خان
        Ahmed|Ахмед|احمد
        Ali|Али|علی
        Hussain|Хусейн|حسین
        Malik|Малик|ملک
        Iqbal|Икбал|اقبال
        Butt|Батт|بٹ
        Chaudhry,Chaudhary|Чаудхри|چودھری
        Qureshi|Куреши|قریشی
        Sheikh|Шейх|شیخ
        """)

    static let indian = SyntheticNameGroup(
        scripts: [.latin, .cyrillic], registration: [0.75, 0.25], gendered: false,
        male: """
        Rahul|Рахул
        Amit|Амит
        Rohit|Рохит
        Vikram|Викрам
        Arjun|Арджун
        Sanjay|Санджай
        Rajesh|Раджеш
        Suresh|Суреш
        Anil|Анил,Аниль
        Deepak|Дипак
        Manish|Маниш
        Abhishek|Абхишек
        Gurpreet|Гурприт
        """,
        female: """
        Priya|Прия
        Anjali|Анджали
        Pooja,Puja|Пуджа
        Neha|Неха
        Divya|Дивья
        Sunita|Сунита
        Kavita|Кавита
        Aarti,Arti|Арти
        Shreya|Шрея
        Sneha|Снеха
        """,
        family: """
        Sharma|Шарма
        Singh|Сингх
        Kumar|Кумар
        Patel|Патель
        Gupta|Гупта
        Verma|Верма
        Reddy|Редди
        Yadav|Ядав
        Nair|Наир
        Das|Дас
        Mishra|Мишра
        Joshi|Джоши
        """)

    static let sinhala = SyntheticNameGroup(
        scripts: [.latin, .cyrillic], registration: [0.75, 0.25], gendered: false,
        male: """
        Nuwan|Нуван
        Chaminda|Чаминда
        Kasun|Касун
        Ruwan|Руван
        Dinesh|Динеш
        Tharindu|Таринду,Тхаринду
        Sampath|Сампат
        Lahiru|Лахиру
        """,
        female: """
        Dilani|Дилани
        Nadeesha|Надиша
        Chathurika|Чатурика
        Ishara|Ишара
        Sanduni|Сандуни
        Nilmini|Нилмини
        """,
        family: """
        Perera|Перера
        Fernando|Фернандо
        Silva,De Silva|Силва,Де Силва
        Jayasinghe|Джаясингхе
        Bandara|Бандара
        Wickramasinghe|Викрамасингхе
        Dissanayake|Диссанаяке
        Gunawardena|Гунавардена
        """)

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

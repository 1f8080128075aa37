"""A small newsroom written for the search tests: each story carries spelling traps.

Text is original. Every story is published; `hours_ago` spreads them over two weeks so
date filters and "newest first" have something to order.
"""

from __future__ import annotations

from typing import Any

STORIES: list[dict[str, Any]] = [
    {
        "slug": "lion",
        "section": "society",
        "hours_ago": 5,
        "title": "عودة الأسد إلى حديقة الحيوان في حلب بعد علاج استمر شهرين",
        "standfirst": "أعلنت إدارة الحديقة أن الأسدَ «زعيم» تعافى تماماً، وقد كَتَبَ الطبيب البيطري "
        "في تقريره أن وزنه عاد إلى طبيعته.",
        "body": "قدّم الحرّاس للأسد وجبة خاصة احتفالاً بعودته، وقال مدير الحديقة إن الزوار "
        "سيتمكنون من رؤيته صباح الجمعة. وأضاف أن العناية بالأسد كلفت الحديقة نحو ٣٠ ألف ليرة.",
        "tags": ["حديقة الحيوان", "حلب"],
        "dateline": "حلب",
    },
    {
        "slug": "erdogan",
        "section": "politics",
        "hours_ago": 30,
        "title": "أردوغان يستقبل وزير الخارجية الإيراني في أنقرة لبحث التجارة الحدودية",
        "standfirst": "بحث الرئيس التركي رجب طيب أردوغان مع وزير الخارجية الإيراني سبل رفع "
        "حجم التبادل التجاري بين البلدين.",
        "body": "قال بيان للرئاسة التركية إن اللقاء تناول خطوط النقل البري والطاقة. وأكد "
        "الوزير أن ایران مستعدة لزيادة صادرات الغاز.",
        "tags": ["أردوغان", "تركيا", "إيران"],
        "dateline": "أنقرة",
    },
    {
        "slug": "water-plan",
        "section": "economy",
        "hours_ago": 60,
        "title": "الحكومة تقرّ خطة لتحديث شبكات المياه في عمّان والزرقاء",
        "standfirst": "وافقت الحكومة على خطة بكلفة 40 مليون دينار لاستبدال الأنابيب القديمة "
        "وخفض الفاقد.",
        "body": "وقال الناطق باسم الحكومة إن الخطة تنفذ على ثلاث مراحل. وكانت حكومات سابقة قد "
        "أجّلت المشروع بسبب نقص التمويل، والحكومة الحالية حصلت على قرض ميسّر.",
        "tags": ["المياه", "عمّان"],
        "dateline": "عمّان",
    },
    {
        "slug": "hospital",
        "section": "society",
        "hours_ago": 80,
        "title": "افتتاح مستشفى جديد للأطفال في بيروت بسعة 120 سريراً",
        "standfirst": "يضم المستشفى الجديد قسماً للعناية المركزة ومختبراً حديثاً، ويخدم أحياء "
        "BEIRUT الجنوبية.",
        "body": "وأوضح مدير المستشفى أن المستشفيات الحكومية تعاني ضغطاً كبيراً منذ بداية "
        "الشتاء، وأن الافتتاح يخفف الازدحام. وتلقى المستشفى تبرعات من منظمات دولية.",
        "tags": ["مستشفيات", "بيروت", "لبنان"],
        "dateline": "بيروت",
    },
    {
        "slug": "budget",
        "section": "economy",
        "hours_ago": 100,
        "title": "موازنة عام ٢٠٢٥ ترفع النفقات إلى ١٢٫٤ مليار دينار",
        "standfirst": "قدّمت وزارة المالية مشروع موازنة العام المقبل، ويتوقع أن يبلغ العجز "
        "۲٫۱ مليار دينار.",
        "body": "وتتضمن الموازنة زيادة في رواتب القطاع العام بنسبة ٥٪، وخفضاً في النفقات "
        "الرأسمالية. وقال وزير المالية إن الإيرادات الضريبية سترتفع.",
        "tags": ["الموازنة العامة", "وزارة المالية"],
        "dateline": "",
    },
    {
        "slug": "students",
        "section": "society",
        "hours_ago": 120,
        "title": "ارتفاع عدد المقبولين في الجامعات الرسمية إلى 1,200 طالب إضافي في 2024",
        "standfirst": "أعلنت وحدة القبول الموحد نتائج الدورة الأولى للعام الجامعي 2024.",
        "body": "وبلغ عدد المتقدمين 48 ألف طالب وطالبة، فيما حصل 124 طالباً على منح كاملة. "
        "وقال رئيس الوحدة إن المقاعد الإضافية توزعت على كليات الطب والهندسة.",
        "tags": ["القبول الجامعي", "الجامعات"],
        "dateline": "",
    },
    {
        "slug": "lebanon-shelter",
        "section": "politics",
        "hours_ago": 140,
        "title": "الحـــكومة اللبنانية تعلن خطة لإيواء ﻻجئين نزحوا من الجنوب",
        "standfirst": "قالت الحكومة إن مراكز الإيواء ستفتح في المدارس الرسمية خلال أيام.",
        "body": "وأوضح وزير الشؤون الاجتماعية أن اللاجئين سيحصلون على مساعدات غذائية. "
        "وتعمل البلديات على تجهيز المدارس بالفرش والأغطية.",
        "tags": ["لبنان", "اللاجئون"],
        "dateline": "بيروت",
    },
    {
        "slug": "foreign-minister",
        "section": "politics",
        "hours_ago": 160,
        "title": "وزير الخارجية يلتقي نظيره الفرنسي في باريس",
        "standfirst": "بحث الوزيران العلاقات الثنائية والتعاون في مجال التعليم.",
        "body": "وقال وزير الخارجية في مؤتمر صحفي إن باريس شريك أساسي في مشاريع التعليم العالي.",
        "tags": ["وزارة الخارجية", "فرنسا"],
        "dateline": "باريس",
    },
    {
        "slug": "agriculture-fair",
        "section": "economy",
        "hours_ago": 180,
        "title": "وزير الزراعة يزور معرض التجارة الخارجية للمنتجات الغذائية",
        "standfirst": "تفقد وزير الزراعة أجنحة الشركات المحلية المشاركة في المعرض.",
        "body": "وأشاد الوزير بجودة زيت الزيتون والتمور المعروضة، ودعا إلى توسيع الصادرات "
        "نحو الأسواق الأوروبية.",
        "tags": ["الزراعة", "التصدير"],
        "dateline": "",
    },
    {
        "slug": "milk",
        "section": "economy",
        "hours_ago": 200,
        "title": "ارتفاع أسعار الحليب ومشتقاته في الأسواق المحلية",
        "standfirst": "عزت نقابة تجار المواد الغذائية الارتفاع إلى زيادة كلفة الأعلاف.",
        "body": "وقال تجار إن سعر لتر الحليب ارتفع بنسبة 10%، فيما طالبت جمعية حماية "
        "المستهلك بتدخل الجهات الرسمية.",
        "tags": ["الأسعار", "الحليب"],
        "dateline": "",
    },
    {
        "slug": "covid",
        "section": "society",
        "hours_ago": 220,
        "title": "تسجيل إصابات جديدة بفيروس COVID-19 في مدارس العقبة",
        "standfirst": "قررت مديرية التربية تعليق الدوام في صفين بعد تسجيل 7 إصابات بين الطلاب.",
        "body": "وأكدت وزارة الصحة أن الحالات خفيفة، وأن فرق التقصي الوبائي أجرت فحوصاً "
        "لجميع المخالطين.",
        "tags": ["كورونا", "العقبة"],
        "dateline": "العقبة",
    },
    {
        "slug": "islamic-thought",
        "section": "society",
        "hours_ago": 240,
        "title": "مؤتمر عن الفكر الإسلامي المعاصر في جامعة اليرموك",
        "standfirst": "يناقش المؤتمر على مدى يومين أبحاثاً في الفقه والتاريخ الإسلامي.",
        "body": "وشارك في المؤتمر باحثون من اثنتي عشرة دولة.",
        "tags": ["مؤتمرات"],
        "dateline": "إربد",
    },
    {
        "slug": "peace-talks",
        "section": "politics",
        "hours_ago": 260,
        "title": "محادثات سلام جديدة بين الأطراف السودانية في جدة",
        "standfirst": "تستأنف الأطراف السودانية محادثات السلام برعاية إقليمية.",
        "body": "وقال مسؤول إن جولة المحادثات تركز على وقف إطلاق النار وفتح الممرات الإنسانية.",
        "tags": ["السودان", "السلام"],
        "dateline": "جدة",
    },
    {
        "slug": "hamas-statement",
        "section": "politics",
        "hours_ago": 280,
        "title": "بيان لحركة حماس بشأن صفقة تبادل الأسرى",
        "standfirst": "قالت الحركة إن المفاوضات مستمرة عبر الوسطاء.",
        "body": "ونقلت وكالات أجنبية البيان تحت عنوان Hamas says talks continue.",
        "tags": ["الأسرى"],
        "dateline": "غزة",
    },
    {
        "slug": "hama-rain",
        "section": "society",
        "hours_ago": 300,
        "title": "أمطار غزيرة تغمر شوارع في مدينة حماة",
        "standfirst": "أغلقت السلطات المحلية طرقاً فرعية بعد ارتفاع منسوب المياه "
        "في الأحياء المنخفضة.",
        "body": "وقال الدفاع المدني إن فرقه سحبت المياه من عشرات المنازل.",
        "tags": ["الطقس", "سوريا"],
        "dateline": "حماة",
    },
    {
        "slug": "damascus-bridges",
        "section": "society",
        "hours_ago": 80,
        "title": "افتتاح ثلاثة جسور للمشاة بدمشق قبل بدء العام الدراسي",
        "standfirst": "وأعلن المحافظ أن الجسور الجديدة تربط الأحياء الجنوبية بالمدارس، "
        "وأن العمل فيها استغرق ستة أشهر.",
        "body": "وأوضح المهندسون أن كل جسر صُمّم ليحمل ألفي شخص في الساعة. "
        "واجتمع الوزراء المعنيون بالنقل في مقر المحافظة لمتابعة خطط الطرق في المدن الكبرى.",
        "tags": ["النقل"],
        "dateline": "",
    },
    {
        "slug": "transit-card",
        "section": "economy",
        "hours_ago": 90,
        "title": "بطاقة ذكية واحدة لركاب الحافلات والقطار الخفيف",
        "standfirst": "وافق مجلس البلدية على إطلاق البطاقة مطلع الشهر المقبل بسعر رمزي.",
        "body": "قال كمال يوسف، مدير النقل في البلدية، إن الراكب يشحن بطاقته من الأكشاك "
        "أو عبر التطبيق، وإن الأسعار لن ترتفع هذا العام.",
        "tags": ["النقل"],
        "dateline": "",
    },
]

# (query, slug): the reader typing the query must find the story.
FOUND = [
    ("الاسد", "lion"),  # no hamza
    ("الأسد", "lion"),
    ("الأَسَد", "lion"),  # harakat in the query
    ("للأسد", "lion"),  # clitics
    ("بالأسد", "lion"),
    ("والأسد", "lion"),
    ("اسد", "lion"),
    ("حلب", "lion"),
    ("بحلب", "lion"),  # a single-letter proclitic in the query
    ("كتب", "lion"),  # harakat in the text (كَتَبَ)
    ("كَتَبَ", "lion"),
    ("حديقة الحيوان", "lion"),
    ("حديقه الحيوان", "lion"),  # ه for ة
    ("اردوغان", "erdogan"),
    ("أردوغان", "erdogan"),
    ("اردوغان ايران", "erdogan"),
    ("إيران", "erdogan"),
    ("ایران", "erdogan"),  # Persian yeh
    ("انقره", "erdogan"),
    ("الحكومه", "water-plan"),
    ("الحكومة", "water-plan"),
    ("حكومة", "water-plan"),
    ("والحكومة", "water-plan"),
    ("حكومات", "water-plan"),
    ("للحكومة", "water-plan"),
    ("عمان", "water-plan"),  # عمّان with shadda
    ("مستشفي", "hospital"),  # ي for ى
    ("مستشفى", "hospital"),
    ("المستشفيات", "hospital"),
    ("beirut", "hospital"),
    ("Beirut", "hospital"),
    ("BEIRUT", "hospital"),
    ("بيروت", "hospital"),
    ("2025", "budget"),  # Western digits for Eastern
    ("٢٠٢٥", "budget"),
    ("۲۰۲۵", "budget"),  # Persian digits
    ("12.4", "budget"),
    ("١٢٫٤", "budget"),
    ("2.1", "budget"),
    ("٢٠٢٤", "students"),  # Eastern digits for Western
    ("1,200", "students"),
    ("124", "students"),
    ("الحكومة اللبنانية", "lebanon-shelter"),  # tatweel in the text
    ("الحـكومة", "lebanon-shelter"),  # tatweel in the query
    ("لاجئين", "lebanon-shelter"),  # presentation form ﻻ in the text
    ("ﻻجئين", "lebanon-shelter"),
    ("اللاجئين", "lebanon-shelter"),
    ('"وزير الخارجية"', "foreign-minister"),  # quoted phrase
    ('"وزير الخارجية"', "erdogan"),
    ("«وزير الخارجية»", "foreign-minister"),
    ("وزير الزراعة", "agriculture-fair"),
    ("وزير -الزراعة", "foreign-minister"),  # exclusion keeps the others
    ("الحليب", "milk"),
    ("حليب", "milk"),
    ("covid", "covid"),
    ("COVID-19", "covid"),
    ("كورونا", "covid"),  # a tag
    ("العقبه", "covid"),
    ("المدارس", "covid"),
    ("الإسلامي", "islamic-thought"),
    ("سلام", "peace-talks"),
    ("السلام", "peace-talks"),
    ("السودانية", "peace-talks"),
    ("السودان", "peace-talks"),
    ("حماس", "hamas-statement"),
    ("hamas", "hamas-statement"),
    ("حماه", "hama-rain"),
    ("حماة", "hama-rain"),
    ("دمشق", "damascus-bridges"),  # ب glued to a place name in the copy (بدمشق)
    ("أعلن", "damascus-bridges"),  # و glued to a verb that begins with a hamza (وأعلن)
    ("اوضح", "damascus-bridges"),
    ("جسر", "damascus-bridges"),  # a broken plural in the copy (جسور، الجسور)
    ("الجسر", "damascus-bridges"),
    ("وزير", "damascus-bridges"),  # الوزراء
    ("مدينة", "damascus-bridges"),  # المدن
    ("سعر", "transit-card"),  # الأسعار
    ("بطاقة", "transit-card"),
    ("البطاقات", "transit-card"),
]

# (query, slug): the story must NOT be found for the query.
NOT_FOUND = [
    ("الحكم", "water-plan"),  # rule is not government
    ("حلب", "milk"),  # Aleppo is not milk
    ("حليب", "lion"),
    ("سلام", "islamic-thought"),  # peace is not Islam
    ('"وزير الخارجية"', "agriculture-fair"),  # both words, not the phrase
    ("وزير -الزراعة", "agriculture-fair"),
    ("hama", "hamas-statement"),
    ("حماس", "hama-rain"),
    ("12.4", "students"),  # 12.4 is not 124
    ("124", "budget"),
    ("2024", "budget"),
    ("القدس", "lion"),
    ("الاسد -حلب", "lion"),
    ("مستشفى", "milk"),
    ("الحكومة -المياه", "water-plan"),
    ("السودان", "hama-rain"),
    ("ايران", "hospital"),
    ('"الحكومة اللبنانية"', "water-plan"),
    ("طاقة", "transit-card"),  # بطاقة: the ب is the word's own
    ("مال", "transit-card"),  # كمال, a name
    ("أفق", "transit-card"),  # وافق, a verb that begins with و
]

# The service's PDFs (crates/documents): receipts, the kandas certificate, decisions.
# Every PDF is bilingual: these Kazakh texts come first, the Russian ones follow.

pdf-country = ҚАЗАҚСТАН РЕСПУБЛИКАСЫ
pdf-service = Мемлекеттік қызмет
pdf-application-number = Өтініш нөмірі
pdf-applicant = Өтініш беруші
pdf-iin = ЖСН
pdf-member = Отбасы мүшесі
pdf-operator = Құжаттарды қабылдаған қызметкер
pdf-operator-signature = Қызметкердің қолы
pdf-applicant-signature = Өтініш берушінің қолы
pdf-status-qr = Өтініштің мәртебесін QR-код немесе мына сілтеме арқылы тексеруге болады:

# Receipt of acceptance of documents
pdf-intake-title = Құжаттарды қабылдағаны туралы қолхат
pdf-accepted-on = Құжаттар қабылданған күн
pdf-deciding-office = Шешім қабылдайтын орган
pdf-due = Шешім шығарудың соңғы күні
pdf-documents-taken = Қабылданған құжаттар
pdf-copy-taken = көшірмесі қабылданды, түпнұсқасы өтініш берушіге қайтарылды
pdf-original-kept = түпнұсқасы қабылданды
pdf-registry-documents = Мемлекеттік ақпараттық жүйелерден алынған мәліметтер
pdf-registry-note = Бұл мәліметтер өтініш берушіден талап етілмейді.
pdf-source = Дереккөз

# Receipt of refusal to accept documents
pdf-refusal-title = Құжаттарды қабылдаудан бас тарту туралы қолхат
pdf-refused-on = Қабылдаудан бас тартылған күн
pdf-refusal-reason = Мемлекеттік көрсетілетін қызмет стандартында көзделген құжаттар толық ұсынылмағандықтан, құжаттарды қабылдаудан бас тартылды.
pdf-missing = Жетіспейтін құжаттар
pdf-shortfall-not_presented = түпнұсқасы ұсынылмады
pdf-shortfall-no_copy = көшірмесі ұсынылмады
pdf-shortfall-no_translation = қазақ немесе орыс тіліне нотариат куәландырған аудармасы жоқ
pdf-shortfall-expired = құжаттың қолданылу мерзімі өтіп кеткен
pdf-shortfall-no_scan = электрондық көшірмесі (сканері) тіркелмеген
pdf-nothing-sent = Құжаттар жергілікті атқарушы органға жіберілген жоқ. Жетіспейтін құжаттарды толықтырып, өтінішті қайта беруге болады.

# Kandas certificate
pdf-certificate-title = Қандас куәлігі
pdf-name-cyrillic = Тегі, аты, әкесінің аты
pdf-name-latin = Тегі, аты (латын әріптерімен)
pdf-birth-date = Туған күні
pdf-country-of-origin = Шыққан елі (азаматтығы)
pdf-issued-on = Берілген күні
pdf-valid-until = Жарамдылық мерзімі
pdf-issuer = Куәлікті берген орган
pdf-members = Куәлік қолданылатын отбасы мүшелері
pdf-verify-qr = Куәліктің түпнұсқалығын QR-код немесе мына сілтеме арқылы тексеруге болады:

# Decisions
pdf-decision-extension-title = Қандас мәртебесін ұзарту туралы шешім
pdf-decision-refusal-title = Мемлекеттік қызмет көрсетуден бас тарту туралы шешім
pdf-decided-on = Шешім қабылданған күн
pdf-decided-by = Шешім қабылдаған орган
pdf-extended = { $certificate } нөмірлі куәлік бойынша қандас мәртебесі бір рет ұзартылды.
pdf-extended-until = Мәртебенің жарамдылық мерзімі
pdf-grounds = Бас тарту негіздері
pdf-legal-basis = Құқықтық негізі
pdf-comment = Түсініктеме
pdf-appeal-title = Шағымдану тәртібі
pdf-appeal = Алдымен шешімге сотқа дейінгі (әкімшілік) тәртіппен — төменде көрсетілгендей шағым беріледі. Сотқа тек сотқа дейінгі тәртіппен шағымданғаннан кейін ғана жүгінуге болады (Қазақстан Республикасы Әкімшілік рәсімдік-процестік кодексінің 91-бабының 5-бөлігі).
pdf-check-code = Тексеру коды: куәлікті камерасыз тексеру үшін оны нөмірімен бірге енгізіңіз

# Protocol of the commission's sitting
pdf-protocol-title = Комиссия отырысының хаттамасы
pdf-protocol-sat-at = Отырыстың күні мен уақыты
pdf-protocol-members = Отырысқа қатысқан комиссия мүшелері
pdf-protocol-recommendations = Комиссияның ұсынымдары
pdf-protocol-recommendation = Ұсыным
pdf-protocol-reason = Негіздеме
pdf-protocol-assign = қандас мәртебесін беру
pdf-protocol-refuse = қандас мәртебесін беруден бас тарту
pdf-protocol-video = Отырыстың бейнежазбасы
pdf-protocol-video-reference = Бейнежазбаның мұрағаттағы сілтемесі
pdf-protocol-video-sha256 = Бейнежазба файлының SHA-256 хеш-сомасы
pdf-protocol-chair = Комиссия төрағасы
pdf-protocol-secretary = Комиссия хатшысы
pdf-protocol-download = Комиссия хаттамасы (PDF)

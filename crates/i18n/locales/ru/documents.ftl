# The service's PDFs (crates/documents): receipts, the kandas certificate, decisions.
# Every PDF is bilingual: the Kazakh texts come first, these Russian ones follow.

pdf-country = РЕСПУБЛИКА КАЗАХСТАН
pdf-service = Государственная услуга
pdf-application-number = Номер заявления
pdf-applicant = Заявитель
pdf-iin = ИИН
pdf-member = Член семьи
pdf-operator = Сотрудник, принявший документы
pdf-operator-signature = Подпись сотрудника
pdf-applicant-signature = Подпись заявителя
pdf-status-qr = Статус заявления можно проверить по QR-коду или по ссылке:

# Receipt of acceptance of documents
pdf-intake-title = Расписка о приеме документов
pdf-accepted-on = Дата приема документов
pdf-deciding-office = Орган, принимающий решение
pdf-due = Решение будет принято не позднее
pdf-documents-taken = Принятые документы
pdf-copy-taken = принята копия, оригинал возвращен заявителю
pdf-original-kept = принят оригинал
pdf-registry-documents = Сведения, полученные из государственных информационных систем
pdf-registry-note = Эти сведения у заявителя не истребуются.
pdf-source = Источник

# Receipt of refusal to accept documents
pdf-refusal-title = Расписка об отказе в приеме документов
pdf-refused-on = Дата отказа в приеме
pdf-refusal-reason = В приеме документов отказано в связи с представлением неполного пакета документов, предусмотренного стандартом государственной услуги.
pdf-missing = Недостающие документы
pdf-shortfall-not_presented = оригинал не представлен
pdf-shortfall-no_copy = копия не представлена
pdf-shortfall-no_translation = нет нотариально засвидетельствованного перевода на казахский или русский язык
pdf-shortfall-expired = истек срок действия документа
pdf-shortfall-no_scan = не приложена электронная копия (скан)
pdf-nothing-sent = Документы в местный исполнительный орган не направлялись. Вы можете подать заявление повторно, дополнив недостающие документы.

# Kandas certificate
pdf-certificate-title = Удостоверение кандаса
pdf-name-cyrillic = Фамилия, имя, отчество
pdf-name-latin = Фамилия, имя (латиницей)
pdf-birth-date = Дата рождения
pdf-country-of-origin = Страна происхождения (гражданство)
pdf-issued-on = Дата выдачи
pdf-valid-until = Действительно до
pdf-issuer = Орган, выдавший удостоверение
pdf-members = Члены семьи, на которых распространяется удостоверение
pdf-verify-qr = Подлинность удостоверения можно проверить по QR-коду или по ссылке:

# Decisions
pdf-decision-extension-title = Решение о продлении статуса кандаса
pdf-decision-refusal-title = Решение об отказе в оказании государственной услуги
pdf-decided-on = Дата принятия решения
pdf-decided-by = Орган, принявший решение
pdf-extended = Статус кандаса по удостоверению № { $certificate } продлен однократно.
pdf-extended-until = Статус действителен до
pdf-grounds = Основания для отказа
pdf-legal-basis = Правовое основание
pdf-comment = Пояснение
pdf-appeal-title = Порядок обжалования
pdf-appeal = Сначала решение обжалуется в досудебном (административном) порядке — жалобой, как указано ниже. В суд можно обратиться только после досудебного обжалования (часть 5 статьи 91 Административного процедурно-процессуального кодекса Республики Казахстан).
pdf-check-code = Код проверки: чтобы проверить удостоверение без камеры, введите его вместе с номером

# Protocol of the commission's sitting
pdf-protocol-title = Протокол заседания комиссии
pdf-protocol-sat-at = Дата и время заседания
pdf-protocol-members = Присутствовали члены комиссии
pdf-protocol-recommendations = Рекомендации комиссии
pdf-protocol-recommendation = Рекомендация
pdf-protocol-reason = Обоснование
pdf-protocol-assign = присвоить статус кандаса
pdf-protocol-refuse = отказать в присвоении статуса кандаса
pdf-protocol-video = Видеозапись заседания
pdf-protocol-video-reference = Ссылка на видеозапись в архиве
pdf-protocol-video-sha256 = Хеш-сумма SHA-256 файла видеозаписи
pdf-protocol-chair = Председатель комиссии
pdf-protocol-secretary = Секретарь комиссии
pdf-protocol-download = Протокол комиссии (PDF)

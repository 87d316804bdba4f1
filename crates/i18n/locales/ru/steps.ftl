# Заявление по шагам, документы из нескольких файлов, «Проверьте ответы».

steps-step-of = Шаг { $number } из { $total }
steps-saved-each-step = Ответы сохраняются как черновик каждый раз, когда вы нажимаете «Сохранить и продолжить», поэтому к любому шагу можно вернуться позже.
steps-back-about = О вас
steps-change = Изменить
steps-continue = Продолжить
steps-back-to-review = Вернуться к проверке ответов
steps-member-change-title = Изменить сведения: { $name }
steps-not-given = Не указано
steps-yes = Да
steps-no = Нет
steps-consent-short = Согласие получено через загранучреждение Казахстана
steps-name-latin = Имя латиницей
steps-whose-yours = ваш
steps-members-count = { $number ->
    [0] Члены семьи не добавлены.
    [one] { $number } член семьи.
    [few] { $number } члена семьи.
   *[many] { $number } членов семьи.
}
steps-code-tries-left = { $number ->
    [0] Попыток не осталось: запросите новый код.
    [one] Осталась { $number } попытка.
    [few] Осталось { $number } попытки.
   *[many] Осталось { $number } попыток.
}
size-mb = { $number } МБ
size-kb = { $number } КБ
documents-limits = Файлы — PDF или JPEG, каждый не больше { $size }.
documents-most = { $number ->
    [one] К документу можно приложить { $number } файл.
    [few] К документу можно приложить до { $number } файлов (например, по одному на страницу).
   *[many] К документу можно приложить до { $number } файлов (например, по одному на страницу).
}
documents-add-file = Добавить ещё файл
documents-remove = Удалить
documents-replace = Заменить
documents-replace-with = Выберите файл вместо «{ $file }»
documents-replace-button = Заменить файл

birth = Ошибка
    .future = Дата рождения не может быть в будущем.
    .too-early = Дата рождения слишком давняя. Проверьте год.

upload = Ошибка
    .too-many = Файл «{ $file }» не добавлен: у этого документа уже наибольшее число файлов. Сначала удалите один из них.
    .other-document = Файл можно заменить только файлом того же документа.
    .application-full = Файл «{ $file }» не добавлен: в заявлении уже столько файлов, сколько может быть в одном заявлении. Сначала удалите ненужный файл.
    .application-bytes = Файл «{ $file }» не добавлен: с ним заявление заняло бы больше места, чем допустимо для одного заявления. Удалите ненужный файл или загрузите скан меньшего размера.

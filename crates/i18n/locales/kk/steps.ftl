# Өтінішті қадаммен толтыру, бірнеше файлдан тұратын құжаттар, «Жауаптарды тексеріңіз».

steps-step-of = { $total } қадамның { $number }-қадамы
steps-saved-each-step = «Сақтау және жалғастыру» түймесін басқан сайын жауаптарыңыз жоба ретінде сақталады, сондықтан кез келген қадамға кейін қайта орала аласыз.
steps-back-about = Сіз туралы
steps-change = Өзгерту
steps-continue = Жалғастыру
steps-back-to-review = Жауаптарды тексеруге оралу
steps-member-change-title = Мәліметтерді өзгерту: { $name }
steps-not-given = Көрсетілмеген
steps-yes = Иә
steps-no = Жоқ
steps-consent-short = Келісім Қазақстанның шетелдегі мекемесі арқылы алынды
steps-name-latin = Латын әрпімен аты-жөні
steps-whose-yours = сіздікі
steps-members-count = { $number ->
    [0] Отбасы мүшелері қосылмаған.
    [one] { $number } отбасы мүшесі.
   *[other] { $number } отбасы мүшесі.
}
steps-code-tries-left = { $number ->
    [0] Әрекет қалмады: жаңа код сұраңыз.
    [one] { $number } әрекет қалды.
   *[other] { $number } әрекет қалды.
}
size-mb = { $number } МБ
size-kb = { $number } КБ
documents-limits = Файлдар PDF немесе JPEG болуы керек, әрқайсысы { $size } аспауы тиіс.
documents-most = { $number ->
    [one] Құжатқа { $number } файл тіркеуге болады.
   *[other] Құжатқа { $number } файлға дейін тіркеуге болады (мысалы, әр бетке біреуден).
}
documents-add-file = Тағы бір файл қосу
documents-remove = Жою
documents-replace = Ауыстыру
documents-replace-with = «{ $file }» орнына файл таңдаңыз
documents-replace-button = Файлды ауыстыру

birth = Қате
    .future = Туған күні болашақта бола алмайды.
    .too-early = Туған күні тым ерте. Жылын тексеріңіз.

upload = Қате
    .too-many = «{ $file }» файлы қосылмады: бұл құжатта файлдардың ең көп саны бар. Алдымен біреуін жойыңыз.
    .other-document = Файлды тек сол құжаттың файлымен ауыстыруға болады.
    .application-full = «{ $file }» файлы қосылмады: өтініште бір өтінішке рұқсат етілген файлдардың ең көп саны бар. Алдымен қажет емес файлды жойыңыз.
    .application-bytes = «{ $file }» файлы қосылмады: онымен өтініш бір өтінішке рұқсат етілгеннен көп орын алар еді. Қажет емес файлды жойыңыз немесе кішірек сканерді жүктеңіз.

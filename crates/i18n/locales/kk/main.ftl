sms-code = Kandas: растау коды { $code }. Код { $minutes } минут жарамды. Оны ешкімге айтпаңыз.
notice-registered = { $number } өтініші тіркелді. Шешім { $due } дейін шығарылады.
notice-assigned = { $number } өтініші бойынша қандас мәртебесі берілді. Куәлік № { $certificate }.
notice-extended = { $number } өтініші бойынша қандас мәртебесі ұзартылды.
notice-refused = { $number } өтініші бойынша бас тартылды. Себептері жеке кабинетте.

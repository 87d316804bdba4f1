sms-code = Kandas: confirmation code { $code }. Valid for { $minutes } minutes. Do not share it with anyone.
notice-registered = Application { $number } is registered. The decision is due by { $due }.
notice-assigned = Application { $number }: kandas status assigned. Certificate No. { $certificate }.
notice-extended = Application { $number }: kandas status extended.
notice-refused = Application { $number }: refused. The grounds are in your personal account.

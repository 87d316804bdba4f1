//! The codes of requests, the service itself, signing in, one-time codes, staff accounts and
//! form fields.

use super::codes;

codes! {
    /// Idempotency keys (`Idempotency-Key`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum IdempotencyError {
        /// The key is longer than 255 characters.
        Key => "idempotency.key",
        /// The key was used within the last 24 hours for another request (another operation,
        /// another case or another body).
        Mismatch => "idempotency.mismatch",
    }
}

codes! {
    /// The request as a whole.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum RequestError {
        /// Some fields are wrong.
        Invalid => "request.invalid",
        /// The object changed since it was read.
        StaleVersion => "request.stale-version",
        /// It exists already.
        Duplicate => "request.duplicate",
        /// The same idempotency key was used for another request.
        Replayed => "request.replayed",
        /// Not there, or not yours.
        NotFound => "request.not-found",
        /// The role does not allow it.
        Forbidden => "request.forbidden",
        /// Too many attempts.
        TooMany => "request.too-many",
        /// The form's CSRF token is missing or wrong.
        Csrf => "request.csrf",
        /// A JSON body without the JSON content type.
        ContentType => "request.content-type",
        /// JSON of the wrong shape.
        InvalidJson => "request.invalid-json",
        /// Not JSON at all.
        MalformedJson => "request.malformed-json",
        /// The body could not be read.
        UnreadableBody => "request.unreadable-body",
        /// The body is larger than the service reads for this request.
        TooLarge => "request.too-large",
        /// A query parameter of the wrong type, or a required one missing.
        InvalidQuery => "query.invalid",
    }
}

codes! {
    /// Faults of the service, not of the request.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ServiceError {
        /// A fault of ours.
        Internal => "service.internal",
        /// An outside system did not answer.
        Unavailable => "service.unavailable",
    }
}

codes! {
    /// Signing in, registering and passwords.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum AuthError {
        /// Sign in first.
        Required => "auth.required",
        /// Wrong IIN or password.
        BadCredentials => "auth.bad-credentials",
        /// The account is disabled.
        AccountDisabled => "auth.account-disabled",
        /// An account with this IIN exists already.
        AlreadyRegistered => "auth.already-registered",
        /// No account with this IIN.
        NoAccount => "auth.no-account",
        /// The EDS sign-in's one-time challenge is unknown, used or expired.
        EdsNonce => "auth.eds-nonce",
        /// The person of the EDS certificate is not in the population registry.
        EdsNotInRegistry => "auth.eds-not-in-registry",
        /// A form posted from another site.
        CrossOrigin => "auth.cross-origin",
        /// A password too short or too long.
        PasswordLength => "auth.password-length",
        /// A password of repeats or a keyboard run.
        PasswordSimple => "auth.password-simple",
        /// A password from the list of common ones.
        PasswordCommon => "auth.password-common",
        /// A password holding the birth date of the IIN.
        PasswordPersonal => "auth.password-personal",
    }
}

codes! {
    /// One-time codes sent by SMS.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum OtpError {
        /// No such challenge.
        Unknown => "otp.unknown",
        /// The code's time is over.
        Expired => "otp.expired",
        /// Too many wrong codes.
        Locked => "otp.locked",
        /// The code was used already.
        Used => "otp.used",
        /// The code is wrong.
        Wrong => "otp.wrong",
        /// The registries know no mobile phone of the person.
        NoMobilePhone => "otp.no-mobile-phone",
    }
}

codes! {
    /// Staff accounts and their roles.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum UserError {
        /// An account with this IIN exists already.
        Exists => "user.exists",
        /// Not an IIN.
        Iin => "user.iin",
        /// No role chosen.
        NoRole => "user.no-role",
        /// Not a role.
        Role => "user.role",
        /// Not an office.
        Office => "user.office",
        /// The roles chosen need an office.
        OfficeRequired => "user.office-required",
        /// The roles chosen work without an office.
        OfficeNotNeeded => "user.office-not-needed",
        /// An administrator cannot disable their own account.
        OwnAccount => "user.own-account",
    }
}

codes! {
    /// Form fields other than names and IINs.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum InputError {
        /// Not a real date.
        Date => "field.date",
        /// Not one of the options.
        Choice => "field.choice",
        /// The country of origin cannot be Kazakhstan.
        OriginKazakhstan => "field.origin-kazakhstan",
        /// A date of birth in the future.
        BirthFuture => "birth.future",
        /// A date of birth too far back to be true.
        BirthTooEarly => "birth.too-early",
        /// A document the checklist asks for is not attached.
        DocumentMissing => "document.missing",
    }
}

//! The codes of an application's life: the application itself, its files, signing, the desk,
//! custody of papers, the review, the decision, the certificate and the working calendar.

use super::codes;

codes! {
    /// An application as a whole.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ApplicationError {
        /// Not a kind of application.
        Kind => "application.kind",
        /// The population registry does not know the person.
        PersonNotInRegistry => "application.person-not-in-registry",
        /// Signed already: no more changes.
        NotDraft => "application.not-draft",
        /// Too far along to be withdrawn.
        NotWithdrawable => "application.not-withdrawable",
        /// Handed in at a desk: the desk changes it.
        AtDesk => "application.at-desk",
        /// No receipt yet.
        NoReceipt => "application.no-receipt",
        /// Not submitted yet.
        NotSubmitted => "application.not-submitted",
        /// The case is not in a state for this.
        WrongState => "application.wrong-state",
        /// No such document for this case.
        NoDocument => "application.no-document",
        /// The applicant has as many open drafts as one person may (a quota).
        TooManyDrafts => "application.too-many-drafts",
    }
}

codes! {
    /// Uploaded files.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum AttachmentError {
        /// Not a multipart upload of the expected parts.
        Multipart => "attachment.multipart",
        /// The version given is not a number.
        Version => "attachment.version",
        /// Not a document type of the checklist.
        DocumentType => "attachment.document-type",
        /// Not a family member of the application.
        Member => "attachment.member",
        /// Disposed of after its retention period.
        Disposed => "attachment.disposed",
        /// An empty file.
        Empty => "attachment.empty",
        /// A file name that hides what it is.
        FileName => "attachment.file-name",
        /// Neither a PDF nor a JPEG.
        FileType => "attachment.file-type",
        /// Not a well-formed JPEG.
        ImageMalformed => "attachment.image-malformed",
        /// An image with more pixels than the limit.
        ImageTooLarge => "attachment.image-too-large",
        /// A PDF carrying other files.
        PdfEmbedded => "attachment.pdf-embedded",
        /// An encrypted PDF.
        PdfEncrypted => "attachment.pdf-encrypted",
        /// A PDF with JavaScript.
        PdfJavaScript => "attachment.pdf-javascript",
        /// A PDF that would start another program.
        PdfLaunch => "attachment.pdf-launch",
        /// Not a well-formed PDF.
        PdfMalformed => "attachment.pdf-malformed",
        /// A PDF with more pages or objects than a case needs.
        PdfTooComplex => "attachment.pdf-too-complex",
        /// A file that is also something else.
        Polyglot => "attachment.polyglot",
        /// More bytes than the limit.
        TooLarge => "attachment.too-large",
        /// More bytes once decoded than the limit.
        TooLargeDecoded => "attachment.too-large-decoded",
        /// The "other document" slot needs a description.
        OtherDocument => "upload.other-document",
        /// More files than a document may have.
        TooMany => "upload.too-many",
        /// More files than one application may hold (a quota).
        ApplicationFull => "upload.application-full",
        /// More bytes than one application may hold (a quota).
        ApplicationBytes => "upload.application-bytes",
    }
}

codes! {
    /// Signing with an SMS code or an EDS.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum SignError {
        /// The document changed since it was shown for signing.
        DocumentChanged => "sign.document-changed",
    }
}

codes! {
    /// Why an EDS (a CMS signature) is refused or cannot be judged: the verifier's reasons.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum EdsError {
        /// Not a CMS we can read.
        Malformed => "eds.malformed",
        /// No signer, or its certificate is not in the CMS.
        NoSigner => "eds.no-signer",
        /// More than one signer.
        MultipleSigners => "eds.multiple-signers",
        /// A detached signature without its content.
        ContentMissing => "eds.content-missing",
        /// The signed attributes are missing or wrong.
        SignedAttributesMissing => "eds.signed-attributes-missing",
        /// No signing time.
        SigningTimeMissing => "eds.signing-time-missing",
        /// A signing time in the future.
        SigningTimeInFuture => "eds.signing-time-in-future",
        /// A signing time too far in the past.
        SigningTimeInPast => "eds.signing-time-in-past",
        /// The content does not match the signed digest.
        DigestMismatch => "eds.digest-mismatch",
        /// The signature does not verify.
        SignatureInvalid => "eds.signature-invalid",
        /// An algorithm we do not verify.
        UnsupportedAlgorithm => "eds.unsupported-algorithm",
        /// A GOST key.
        GostUnsupported => "eds.gost-unsupported",
        /// No path to a trusted root.
        UntrustedRoot => "eds.untrusted-root",
        /// A certificate on the path breaks a constraint.
        PathInvalid => "eds.path-invalid",
        /// A certificate had expired.
        Expired => "eds.expired",
        /// A certificate was not yet valid.
        NotYetValid => "eds.not-yet-valid",
        /// The key is not for this purpose.
        WrongKeyUsage => "eds.wrong-key-usage",
        /// A certificate is revoked.
        Revoked => "eds.revoked",
        /// Revocation could not be checked.
        RevocationUnavailable => "eds.revocation-unavailable",
        /// The certificate names someone else.
        IinMismatch => "eds.iin-mismatch",
        /// The signature's timestamp does not verify.
        TimestampInvalid => "eds.timestamp-invalid",
        /// The signature service did not answer.
        Unavailable => "eds.unavailable",
    }
}

codes! {
    /// The State Corporation's desk.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum DeskError {
        /// The applicant's confirmation is missing.
        Confirmation => "desk.confirmation",
        /// The holder's identity was not checked.
        Identity => "desk.identity",
        /// Not an IIN.
        Iin => "desk.iin",
        /// A registry lookup needs a case.
        LookupWithoutCase => "desk.lookup-without-case",
        /// The recipient does not hold this result.
        NotHolder => "desk.not-holder",
        /// The result is not ready.
        NotReady => "desk.not-ready",
        /// The recipient's IIN is wrong.
        Recipient => "desk.recipient",
        /// A refusal to accept that names nothing missing.
        NothingMissing => "desk.nothing-missing",
        /// A search that is neither an application number nor an IIN.
        Search => "desk.search",
    }
}

codes! {
    /// Papers in the desk's custody.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum CustodyError {
        /// Not a document type.
        Document => "custody.document",
        /// Not a family member of the application.
        Member => "custody.member",
        /// Lines once recorded are kept.
        HistoryKept => "custody.history-kept",
        /// An original taken was not returned.
        NotReturned => "custody.not-returned",
        /// The original was not shown.
        NotPresented => "custody.not_presented",
        /// No paper copy was taken.
        NoCopy => "custody.no_copy",
        /// No notarized translation.
        NoTranslation => "custody.no_translation",
        /// The document is expired.
        Expired => "custody.expired",
        /// No scan attached.
        NoScan => "custody.no_scan",
    }
}

codes! {
    /// The commission's review, the hearing and the protocol.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ReviewError {
        /// Heard already.
        AlreadyHeard => "review.already-heard",
        /// Only an assignment can be proposed here.
        AssignmentOnly => "review.assignment-only",
        /// The completeness check's term is over.
        CompletenessTermPassed => "review.completeness-term-passed",
        /// The hearing's date is wrong.
        HearingDate => "review.hearing-date",
        /// Hear the applicant first.
        HearingFirst => "review.hearing-first",
        /// A refusal needs a hearing.
        HearingNeeded => "review.hearing-needed",
        /// The hearing has not taken place yet.
        HearingNotYet => "review.hearing-not-yet",
        /// The applicant was not given notice of the hearing in time.
        HearingNotice => "review.hearing-notice",
        /// A hearing is planned already, or its plan is wrong.
        HearingPlanned => "review.hearing-planned",
        /// The protocol lacks something.
        IncompleteProtocol => "review.incomplete-protocol",
        /// Not a family member of the application.
        Member => "review.member",
        /// No protocol yet.
        NoProtocol => "review.no-protocol",
        /// The checklist does not ask for this document.
        NotInChecklist => "review.not-in-checklist",
        /// Nothing to sign off.
        NothingToSignOff => "review.nothing-to-sign-off",
        /// The place of the sitting is missing.
        Place => "review.place",
        /// The protocol is wrong.
        Protocol => "review.protocol",
        /// The reason is missing.
        Reason => "review.reason",
        /// Not a recommendation.
        Recommendation => "review.recommendation",
        /// A refusal the applicant was not heard on.
        RefusalNotHeard => "review.refusal-not-heard",
        /// The registries hold this document.
        RegistryHeld => "review.registry-held",
        /// Review first.
        ReviewFirst => "review.review-first",
        /// Not a shortfall.
        Shortfall => "review.shortfall",
        /// The applicant's statement is missing.
        Statement => "review.statement",
    }
}

codes! {
    /// Decisions and extensions.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum DecisionError {
        /// The registry does not know the applicant.
        ApplicantNotInRegistry => "decision.applicant-not-in-registry",
        /// Not a family member of the application.
        Member => "decision.member",
        /// No certificate to extend.
        NoCertificate => "decision.no-certificate",
        /// A refusal needs an explanation.
        NoExplanation => "decision.no-explanation",
        /// This outcome does not fit the application.
        WrongOutcome => "decision.wrong-outcome",
        /// Not an outcome.
        Outcome => "decision.outcome",
        /// Not refusal grounds.
        Grounds => "decision.grounds",
        /// Not a number of months of extension.
        ExtensionMonths => "decision.extension-months",
        /// Extended already.
        AlreadyExtended => "extension.already-extended",
        /// No certificate in force to extend.
        NotActive => "extension.not-active",
    }
}

codes! {
    /// Certificates and their endings.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum CertificateError {
        /// The ending is not in a state for this.
        EndingState => "certificate.ending-state",
        /// Not a kind of ending.
        Ending => "certificate.ending",
        /// No ending recorded.
        NoEnding => "certificate.no-ending",
        /// The reason is missing.
        Reason => "certificate.reason",
        /// Ended already.
        Terminated => "certificate.terminated",
    }
}

codes! {
    /// The working calendar and its editing.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum CalendarCode {
        /// A date or year listed twice.
        Duplicate => "calendar.duplicate",
        /// A date both a day off and a working day.
        Both => "calendar.both",
        /// A day off on a Saturday or Sunday.
        DayOffOnWeekend => "calendar.day-off-on-weekend",
        /// A transfer working day on a weekday.
        WorkingDayOnWeekday => "calendar.working-day-on-weekday",
        /// A date outside its year.
        OutsideYear => "calendar.outside-year",
        /// Otherwise invalid.
        Invalid => "calendar.invalid",
        /// Not a date.
        Date => "calendar.date",
        /// A name missing or too long.
        Name => "calendar.name",
        /// An act missing or too long.
        Act => "calendar.act",
    }
}

# Error codes: `group.code` is the attribute `code` of message `group`.

iin = Error
    .format = The IIN must be 12 digits.
    .century = The 7th digit of the IIN (century and sex) is not valid.
    .birth-date = The birth date in the IIN is not valid.
    .checksum = The IIN check digit does not match. Check the number.

field = Error
    .required = Fill in this field.
    .too-long = The text is too long.
    .not-cyrillic = Write it in Cyrillic letters.
    .not-latin = Write it in Latin letters.
    .characters = The text contains characters that are not allowed.
    .country = Choose a country from the list.
    .date = Enter a real date: the day, the month and the year.
    .choice = Choose one of the options.
    .origin-kazakhstan = The country of origin cannot be Kazakhstan.

request = Error
    .invalid = Some answers are not valid. Check the marked fields.
    .not-found = The page or application was not found.
    .forbidden = You do not have access to this page or action.
    .csrf = The form has expired or did not come from this site's page. Reload the page and send it again.
    .too-many = Too many attempts. Wait a little and try again.
    .stale-version = The application was changed in another window. Reload the page and try again.
    .duplicate = This already exists.
    .replayed = This request has already been done.
    .content-type = Send the request body as JSON (Content-Type: application/json).
    .malformed-json = The request body is not valid JSON.
    .invalid-json = The request body is JSON, but a field is missing or has the wrong type.
    .unreadable-body = The request body could not be read.
    .too-large = The request is too large: send less at a time.

auth = Error
    .required = Sign in to continue.
    .bad-credentials = The IIN or password is wrong.
    .password-length = The password must be 10 to 128 characters long.
    .already-registered = An account with this IIN already exists. Sign in instead.
    .eds-nonce = The sign-in request has expired. Start signing in with the digital signature again.
    .eds-not-in-registry = Your IIN is not in the population registry, so an account cannot be opened. Contact a State Corporation office.
    .password-common = This password is one of those people choose most often and guessers try first. Choose another.
    .password-simple = This password is a repeated character, a sequence or a keyboard row. Choose another.
    .password-personal = The password must not contain your IIN or your date of birth.
    .cross-origin = This request came from another site with your session cookie and was refused. Use the portal's own pages, or send the token as Authorization: Bearer.
    .account-disabled = This account is disabled. Contact your administrator or a State Corporation office.
    .no-account = There is no account with this IIN. Register first.

otp = Error
    .no-mobile-phone = Your phone number is not registered in the Mobile Citizens Database. Register it at any office of the State Corporation "Government for Citizens", or through the mobile app of a second-tier bank or egov.kz.
    .used = This code has already been used. Ask for a new one.
    .expired = The code has expired. Ask for a new one.
    .locked = Too many wrong attempts. Ask for a new code.
    .wrong = The code is wrong. Check it and try again.
    .unknown = We could not find this code. Start again.

application = Error
    .kind = Choose the service: assignment or extension.
    .not-draft = The application has been sent and can no longer be changed.
    .person-not-in-registry = We could not find you in the population registry. Please visit an office of the State Corporation.
    .wrong-state = This cannot be done in the application's current status.
    .not-submitted = The application has not been submitted yet.
    .at-desk = This application was taken in at a desk; the desk completes it.
    .no-receipt = This application has no receipt of refusal to accept: it was not refused to accept.
    .no-document = This application has no such result document.
    .not-withdrawable = The application can no longer be withdrawn: it has been decided, refused or withdrawn already.
    .too-many-drafts = You already have as many unsent applications as one person can. Send or withdraw one of them first.

attachment = Error
    .document-type = Choose the type of document.
    .member = Choose the family member.
    .empty = The file “{ $file }” is empty.
    .too-large = The file “{ $file }” is too large.
    .file-type = The file “{ $file }” must be a PDF or JPEG.
    .pdf-javascript = The file “{ $file }” contains JavaScript, which is not accepted. Save or print it again as a plain PDF.
    .pdf-launch = The file “{ $file }” tries to start another program. Save or print it again as a plain PDF.
    .pdf-embedded = The file “{ $file }” has other files embedded in it. Upload each document as a plain PDF of its own.
    .pdf-encrypted = The file “{ $file }” is password-protected or encrypted. Upload it without protection.
    .pdf-malformed = The file “{ $file }” is damaged or not a complete PDF. Save or scan it again.
    .pdf-too-complex = The file “{ $file }” has too many pages or parts. Split it into smaller files.
    .too-large-decoded = The file “{ $file }” unpacks to far more data than a document needs. Save or scan it again at an ordinary size.
    .image-malformed = The file “{ $file }” is damaged or not a complete JPEG. Take or save the picture again.
    .image-too-large = The picture “{ $file }” has too many pixels (at most 50 megapixels). Make it smaller.
    .polyglot = The file “{ $file }” holds more than a document: web page code or other data. Save or scan it again.
    .multipart = Send the file as a multipart/form-data upload.
    .version = The upload must say which version of the application it belongs to.
    .disposed = This file was deleted when its storage period ended. The application keeps its name and checksum.
    .file-name = The name of the file “{ $file }” holds hidden characters that turn text around, a way to disguise a file's type. Rename the file and upload it again.

sign = Error
    .document-changed = The application changed after the code was sent. Ask for a new code.

document = Error
    .missing = Upload this document.

decision = Error
    .grounds = Choose the grounds for refusal.
    .outcome = Choose the outcome.
    .wrong-outcome = This outcome is not possible for this kind of application.
    .no-explanation = Explain the reason for the refusal.
    .no-certificate = The applicant's kandas certificate was not found.
    .member = Choose a family member of this application.
    .extension-months = Choose for how many months the status is extended, from 1 up to the maximum the rules allow.
    .applicant-not-in-registry = The applicant is not in the population registry, so the result document cannot be made; nothing was decided. Check the registry record and try again.

user = Error
    .office-required = Give an office for this role.
    .exists = This user already exists.
    .own-account = You cannot disable your own account, reset its password or take the administrator role from it. Ask another administrator.
    .no-role = Choose at least one role.
    .office-not-needed = These roles work in no office: leave the office empty.
    .role = Unknown role. The roles are applicant, operator, officer, head, admin and auditor.
    .office = Unknown office code, such as leb-astana or sc-astana.
    .iin = The IIN must be 12 digits.

service = Error
    .unavailable = The service is not available right now. Try again later.
    .internal = Something went wrong on our side. Try again later.

eds = Signature error
    .malformed = The signature could not be read. Sign again in NCALayer.
    .no-signer = The signature has no signer certificate. Sign again in NCALayer.
    .multiple-signers = The document must be signed by one person only.
    .content-missing = The signed document is missing. Sign again.
    .signed-attributes-missing = The signature lacks required attributes. Sign again in NCALayer.
    .signing-time-missing = The signature has no signing time. Sign again in NCALayer.
    .signing-time-in-future = The signing time is in the future. Check the clock of your computer and sign again.
    .signing-time-in-past = The signing time is too long ago: the signature must be made just before it is sent. Check the clock of your computer and sign again.
    .digest-mismatch = The signature does not match this document: it may have changed. Sign the current version again.
    .signature-invalid = The signature is not valid.
    .unsupported-algorithm = This signature algorithm is not supported. Sign with your RSA key.
    .gost-unsupported = Keys of the GOST standard cannot be checked here yet. Sign with your RSA key (file RSA256_…) or by SMS code.
    .untrusted-root = The certificate was not issued by the National Certification Authority of Kazakhstan.
    .path-invalid = The certificate chain is not valid.
    .expired = The certificate has expired. Get a new key from the National Certification Authority.
    .not-yet-valid = The certificate is not valid yet.
    .wrong-key-usage = This key is not for this purpose: sign documents with the signing key (RSA256_…) and sign in with the authentication key (AUTH_RSA256_…).
    .revoked = The certificate has been revoked.
    .revocation-unavailable = We could not check right now whether the certificate is revoked. Nothing is lost: try again in a few minutes or sign by SMS code.
    .iin-mismatch = The certificate belongs to another person (IIN). Sign with your own key.
    .timestamp-invalid = The signature's timestamp could not be verified. Sign again in NCALayer.
    .unavailable = Signing with a digital signature is not available right now. Sign by SMS code.

desk = Error
    .iin = Enter a valid 12-digit IIN.
    .confirmation = Enter the code the applicant received, or record a paper signature — one of the two.
    .nothing-missing = Nothing is missing: the package must be accepted, not refused.
    .not-ready = The result is not ready for issue yet.
    .identity = Check the recipient's identity document and say so.
    .recipient = Give the recipient's IIN and name as on the identity document.
    .lookup-without-case = A person is looked up only for a case at this desk in which they are the applicant or a family member. To start a case, type the IIN on the desk's page.
    .not-holder = Results printed at another office are handed only to the holder: the recipient's IIN must be the applicant's.
    .search = Enter the application number (KND-2026-000001), the certificate number (KC-2026-000001) or the holder's 12-digit IIN.

custody = Error
    .document = Choose a document of the checklist.
    .member = Choose the family member.
    .history-kept = The original of the personal history stays with the case; it is not returned.
    .not-returned = Return the original to the applicant and mark it.
    .not_presented = The original was not shown.
    .no_copy = No copy was taken.
    .no_translation = No notarized translation into Kazakh or Russian.
    .expired = The document has expired.
    .no_scan = Attach the scan.

review = Error
    .review-first = The rules in force ask for the review first: the completeness check and, for an assignment, the commission.
    .assignment-only = The commission reviews assignment applications only.
    .hearing-first = A refusal needs a hearing first.
    .hearing-needed = The commission recommends a refusal: hold the hearing first.
    .already-heard = The hearing has been held.
    .nothing-to-sign-off = There is no proposed decision to sign off.
    .incomplete-protocol = The protocol needs its number, the members present, a recommendation for every person of the application, and the video record's reference and SHA-256.
    .member = Choose a family member of this application.
    .shortfall = Choose what is missing.
    .recommendation = Choose "assign" or "refuse".
    .protocol = Fill in the protocol's number, members and video reference.
    .hearing-date = The hearing must be in the future and within the term the rules set.
    .place = Give the address or the link of the hearing.
    .reason = Give the applicant's reason for moving the hearing.
    .statement = Record what was said at the hearing.
    .no-protocol = The commission has not sat on this application yet, so there is no protocol.
    .hearing-notice = The hearing is too soon after its notice: leave the applicant the notice the rules require (the earliest time is shown under the field).
    .hearing-planned = Say whose refusal is planned and on which grounds; include everyone the commission recommends refusing.
    .hearing-not-yet = The hearing's time has not come yet: record it at or after its time.
    .refusal-not-heard = The hearing did not announce this refusal (this person, or these grounds): the applicant was not heard on it.
    .registry-held = This document comes from a state registry: it was never asked of the applicant, so it cannot be missing.
    .not-in-checklist = The checklist of this application does not ask for this document.
    .completeness-term-passed = The completeness check's term is over: the package can no longer be refused to accept. Accept it for review.

seal = This certificate could not be verified
    .malformed = The QR code is not the seal of a kandas certificate, or it was read incompletely.
    .unknown-key = The certificate was sealed with a key the issuing authority has not published: it may be forged.
    .bad-signature = The seal does not match the certificate's data: they were changed or forged.
    .key-not-valid-then = The seal key was not in use at the time the certificate says it was sealed.
    .number-mismatch = The address names a different certificate from the one sealed in the QR code.

calendar = Error
    .date = Enter the date as YYYY-MM-DD.
    .name = Say what the day is in Kazakh, Russian and English (up to 200 characters each).
    .act = Name the act the day comes from in Kazakh, Russian and English (up to 500 characters each).
    .duplicate = A date is listed twice.
    .both = A date is listed both as a day off and as a working day.
    .day-off-on-weekend = A day off listed here falls on a Saturday or Sunday: list the weekday it moves to.
    .working-day-on-weekday = A transfer working day must be a Saturday or Sunday.
    .outside-year = A date belongs to another year.
    .invalid = The calendar is not valid.

certificate = Error
    .ending = Choose how the status ended: terminated or revoked.
    .reason = Say why the status ended (e.g. the citizenship decision's number and date).
    .terminated = The status has already been recorded as ended.
    .ending-state = The ending has already been confirmed or annulled.
    .no-ending = No ending of this status has been recorded.

idempotency = Error
    .key = The Idempotency-Key is longer than 255 characters.
    .mismatch = This Idempotency-Key was used in the last 24 hours for another request: use a new key for a new request.

audit = Error
    .period = The period's first day is after its last: correct the dates.
    .period-required = Give the period's first and last day: a bundle covers a period.
    .too-many-rows = More rows than one export holds (50,000): choose a shorter period or a narrower search.
    .cursor = This link to the next page is not valid: start the search again.
    .unknown-case = No application has this number.

duty = Not allowed
    .own-case = You are the applicant or a family member in this case: another official must act on it.
    .same-official = The official who proposed or recorded this cannot also confirm it: another head must sign it off.

extension = Error
    .not-active = The status is not active (the certificate was terminated or revoked, had expired when the extension was filed, or the holder is a citizen of Kazakhstan): it cannot be extended. Refuse on the ground "the status is not active".
    .already-extended = The status has been extended as many times as the rules allow. Refuse on the ground "already extended".

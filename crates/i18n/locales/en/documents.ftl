# The service's PDFs (crates/documents): receipts, the kandas certificate, decisions.
# The PDFs themselves are in Kazakh and Russian; these English texts serve the web pages
# that describe them and keep every id present in every language.

pdf-country = REPUBLIC OF KAZAKHSTAN
pdf-service = Public service
pdf-application-number = Application number
pdf-applicant = Applicant
pdf-iin = IIN
pdf-member = Family member
pdf-operator = Employee who accepted the documents
pdf-operator-signature = Employee's signature
pdf-applicant-signature = Applicant's signature
pdf-status-qr = Check the status of the application with the QR code or at this link:

# Receipt of acceptance of documents
pdf-intake-title = Receipt of acceptance of documents
pdf-accepted-on = Documents accepted on
pdf-deciding-office = Deciding authority
pdf-due = Decision due by
pdf-documents-taken = Documents accepted
pdf-copy-taken = copy taken, original returned to the applicant
pdf-original-kept = original accepted
pdf-registry-documents = Information obtained from state information systems
pdf-registry-note = The applicant is not asked for this information.
pdf-source = Source

# Receipt of refusal to accept documents
pdf-refusal-title = Receipt of refusal to accept documents
pdf-refused-on = Refused on
pdf-refusal-reason = The documents were not accepted because the set of documents required by the public service standard is incomplete.
pdf-missing = Missing documents
pdf-shortfall-not_presented = the original was not presented
pdf-shortfall-no_copy = no copy was provided
pdf-shortfall-no_translation = no notarized translation into Kazakh or Russian
pdf-shortfall-expired = the document has expired
pdf-shortfall-no_scan = no electronic copy (scan) attached
pdf-nothing-sent = Nothing was sent on to the local executive body. You can apply again with the missing documents.

# Kandas certificate
pdf-certificate-title = Kandas certificate
pdf-name-cyrillic = Full name
pdf-name-latin = Full name (Latin letters)
pdf-birth-date = Date of birth
pdf-country-of-origin = Country of origin (citizenship)
pdf-issued-on = Issued on
pdf-valid-until = Valid until
pdf-issuer = Issued by
pdf-members = Family members covered by the certificate
pdf-verify-qr = Verify the certificate with the QR code or at this link:

# Decisions
pdf-decision-extension-title = Decision to extend kandas status
pdf-decision-refusal-title = Decision to refuse the public service
pdf-decided-on = Decided on
pdf-decided-by = Decided by
pdf-extended = Kandas status under certificate No. { $certificate } is extended once.
pdf-extended-until = Status valid until
pdf-grounds = Grounds for refusal
pdf-legal-basis = Legal basis
pdf-comment = Explanation
pdf-appeal-title = How to appeal
pdf-appeal = The pre-trial (administrative) procedure comes first: a complaint, by the routes below. The court hears a claim only after the complaint (Administrative Procedural and Process Code of the Republic of Kazakhstan, article 91, part 5).
pdf-check-code = Check code: enter it with the number to verify the certificate without a camera

# Protocol of the commission's sitting
pdf-protocol-title = Protocol of the commission's sitting
pdf-protocol-sat-at = Date and time of the sitting
pdf-protocol-members = Commission members present
pdf-protocol-recommendations = The commission's recommendations
pdf-protocol-recommendation = Recommendation
pdf-protocol-reason = Reason
pdf-protocol-assign = assign kandas status
pdf-protocol-refuse = refuse kandas status
pdf-protocol-video = Video record of the sitting
pdf-protocol-video-reference = Archive reference of the video record
pdf-protocol-video-sha256 = SHA-256 of the video file
pdf-protocol-chair = Chair of the commission
pdf-protocol-secretary = Secretary of the commission
pdf-protocol-download = Commission protocol (PDF)

# Appeals, refusals and result documents: the applicant's page, notices and the PDFs
# (ids in crates/i18n/src/result_ids.rs).

appeal-title = How to appeal
appeal-intro = The pre-trial procedure comes first: a complaint. The court hears a claim only after the complaint.
appeal-route-higher-body = Complaint to the head of the body that decided ({ $office }) or to the higher body: the akimat of the region or of the city of republican significance
appeal-route-higher-body-text = File it through the body that decided, on egov.kz or at a State Corporation office.
appeal-route-state-corporation = Complaint to the head of the State Corporation office that refused ({ $office }) or of its branch
appeal-route-state-corporation-text = File it at the office, on egov.kz or in writing.
appeal-route-quality-body = Complaint to the authorised body for the assessment and control of the quality of public services
appeal-route-quality-body-text = File it in writing or electronically (egov.kz).
appeal-route-court = Claim in court
appeal-route-court-text = Only after the pre-trial procedure: once your complaint has been considered, or if it was not considered in time. Going to court directly, without the complaint, is not possible.
appeal-period = The time to file: { $months } from the day you learned of the decision; counted from the day of the decision, until { $date } inclusive.
appeal-considered = It is considered within { $days } of its registration.
appeal-months = { $months ->
    [one] { $months } month
   *[other] { $months } months
}
appeal-basis-higher-body = Administrative Procedural and Process Code of the Republic of Kazakhstan, article 91; Law of the Republic of Kazakhstan "On public services", article 25
appeal-basis-state-corporation = Law of the Republic of Kazakhstan "On public services", article 25; Administrative Procedural and Process Code of the Republic of Kazakhstan, article 91
appeal-basis-quality-body = Law of the Republic of Kazakhstan "On public services", article 25; Administrative Procedural and Process Code of the Republic of Kazakhstan, article 91
appeal-basis-court = Administrative Procedural and Process Code of the Republic of Kazakhstan, article 91, part 5
appeal-legal-basis = Legal basis

refusals-title = Who was refused, and why
refused-applicant = Applicant
refusals-grounds = Grounds
result-documents-title = Result documents
result-doc-certificate = Kandas certificate (PDF)
result-doc-extension_decision = Decision to extend kandas status (PDF)
result-doc-refusal_decision = Decision to refuse (PDF)
result-doc-member_refusal = Decision to refuse family members (PDF)
result-sha256 = SHA-256 of the file
refusal-to-accept-title = Not accepted for consideration
refusal-to-accept-lead = The application was not accepted for consideration: the documents below are missing or have expired. Nothing was decided on the merits; you may apply again with them.
registered-on = Registered on { $date }
term-due-by = The term of the service ran until { $date }
receipt-download = Receipt of refusal to accept (PDF)

notice-rejected_at_check = Application { $number }, registered on { $date }, was not accepted for consideration by the local executive body: documents are missing ({ $missing }). Nothing was decided on the merits.
notice-missing-list = Missing: { $list }.
notice-grounds = Grounds: { $grounds }.
notice-members-refused = Kandas status is refused to: { $members }.
notice-appeal-hint = You may complain to the head of the local executive body or the higher body, or to the authorised body for the quality of public services; the court only after the complaint. The deadline and the document are in your personal account.
notice-sms-more = The details and how to appeal are in your personal account.

pdf-decision-member-refusal-title = Decision to refuse kandas status to family members
pdf-member-refusal-lead = Kandas status was assigned to the applicant under certificate No. { $certificate }. It is refused to the family members named below.
pdf-refused-persons = Persons refused
pdf-kinship = Kinship
pdf-registered-on = Application registered on
pdf-term = Term of the service (until)
pdf-refusal-check-reason = At the completeness check the local executive body did not accept the application for consideration: the set of documents required by the public service standard is incomplete.
pdf-not-on-merits = Nothing was decided on the merits. You may apply again with the missing documents.
pdf-checked-by = Completeness checked by
pdf-appeal-file-by = Time to file

# The applicant's form in steps, documents with several files, "check your answers".

steps-step-of = Step { $number } of { $total }
steps-saved-each-step = Your answers are saved as a draft each time you press "Save and continue", so you can come back to any step later.
steps-back-about = About you
steps-change = Change
steps-continue = Continue
steps-back-to-review = Back to check your answers
steps-member-change-title = Change the details of { $name }
steps-not-given = Not given
steps-yes = Yes
steps-no = No
steps-consent-short = Consent obtained through a foreign institution of Kazakhstan
steps-name-latin = Name in Latin letters
steps-whose-yours = yours
steps-members-count = { $number ->
    [0] No family members added.
    [one] { $number } family member.
   *[other] { $number } family members.
}
steps-code-tries-left = { $number ->
    [0] No tries are left: ask for a new code.
    [one] { $number } try is left.
   *[other] { $number } tries are left.
}
size-mb = { $number } MB
size-kb = { $number } KB
documents-limits = Files must be PDF or JPEG, up to { $size } each.
documents-most = { $number ->
    [one] A document can have { $number } file.
   *[other] A document can have up to { $number } files (for example, one per page).
}
documents-add-file = Add another file
documents-remove = Remove
documents-replace = Replace
documents-replace-with = Choose a file to put in place of “{ $file }”
documents-replace-button = Replace the file

birth = Error
    .future = The date of birth cannot be in the future.
    .too-early = The date of birth is too long ago. Check the year.

upload = Error
    .too-many = The file “{ $file }” was not added: this document already has the most files it can have. Remove one first.
    .other-document = A file can only be replaced by a file for the same document.
    .application-full = The file “{ $file }” was not added: this application already holds as many files as one application can. Remove a file you do not need first.
    .application-bytes = The file “{ $file }” was not added: with it the application would hold more data than one application can. Remove a file you do not need or upload a smaller scan.

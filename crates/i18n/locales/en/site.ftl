# Error pages, the landing after sign-in, withdrawal and the desk's issue at any office.

error-title-not-found = Page not found
error-title-forbidden = You cannot open this page
error-title-too-many = Too many attempts
error-title-internal = Sorry, there is a problem with the service
error-title-unavailable = The service is unavailable for now
error-advice-not-found = If you typed the address, check it. If you followed a link, the page may have moved, or the application belongs to another account.
error-advice-forbidden = This page is for another role or office, or belongs to another person. Go to the pages you work on, or sign out and sign in with the account that has access.
error-advice-csrf = Go back to the form, reload the page and send it again.
error-advice-internal = Nothing you sent was saved unless you saw a confirmation. Try again in a few minutes. If it happens again, contact the support and quote the request id below.
error-advice-unavailable = Try again in a few minutes.
error-request-id = Request id:
error-go-home = Go to your pages
error-retry-in = { $minutes ->
    [one] You can try again in { $minutes } minute.
   *[other] You can try again in { $minutes } minutes.
}

withdraw-title = Withdraw the application
withdraw-lead = You can withdraw the application until the decision is made.
withdraw-link = Withdraw the application
withdraw-confirm-title = Withdraw application { $number }?
withdraw-means = Withdrawing means:
withdraw-means-stops = the local executive body stops considering it, and its term no longer runs;
withdraw-means-final = it cannot be undone: the application stays in your history as withdrawn;
withdraw-means-again = to get the kandas status later, you order the service again with a new application;
withdraw-means-notice = we send you a notice in your personal account and by SMS.
withdraw-confirm = Yes, withdraw the application
withdraw-cancel = No, go back
notice-withdrawn = Application { $number } was withdrawn at your request. Its consideration has stopped.

desk-issued = Issued
desk-issued-title = The result was handed over
desk-copy-link = Print a copy on the holder's request
desk-results-title = Certificates and decisions of any case
desk-results-lead = Any State Corporation desk prints the result of a decided case on the holder's request, whichever office took the case in and also when it was filed online. The holder shows their identity document.
desk-results-link = Find a case to print its result
desk-results-query = Application number, certificate number or the holder's IIN
desk-results-query-hint = For example KND-2026-000001, KC-2026-000001 or 900101300811
desk-results-find = Find
desk-results-found = Cases found
desk-results-none = No decided case matches. Check the number or the IIN.
desk-results-holder-only = This case was not filed at your desk: hand the result only to the holder, after checking their identity document.

action-desk-issue-result = Result handed over at the State Corporation

# The public performance page (issue 13).
perf-title = How the service performs
perf-lead = Applications for kandas status handled by each local executive body, month by month, counted from the cases' own history. No personal data is shown.
perf-period = Period: { $from } to { $to }.
perf-suppressed = A figure that counts fewer than 5 cases is shown as "<5", so that no one's case can be recognised.
perf-csv = Download the figures as CSV
perf-json = The figures as JSON
perf-chart-title = Applications received and decided by month, all local executive bodies
perf-chart-desc = A bar chart with two bars per month: received and decided. The tables below give the same figures.
perf-chart-alt = The same figures are in the table "All local executive bodies" below.
perf-caption = Figures by month: { $office }
perf-total = All local executive bodies
perf-month = Month
perf-received = Received
perf-decided = Decided
perf-on-time = Decided on time
perf-median = Median working days to decision
perf-refusals = Refusals by ground
perf-refused-to-accept = Refusals to accept
perf-extensions = Extensions

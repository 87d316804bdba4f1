"""Real objects for the OpenAPI-driven test (.ci/openapi.sh) to point its path ids at.

    python3 .ci/openapi_fixtures.py BASE_URL

Prints `name=value` lines: a token per demo user, the applicant's draft, the applicant's
submitted case (filled in, attached and signed by SMS, so it sits in the officer's queue), a
paper application at the operator's desk and an account for the administrator. Only the
standard library: it runs before schemathesis's virtualenv matters.
"""

import json
import os
import re
import sys
import time
import urllib.request

BASE = sys.argv[1]
PASSWORD = "kandas-demo"

# A tiny valid PDF: one blank A4 page (the Rust tests' `kandas_testkit::PDF`).
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "testkit", "samples", "tiny.pdf"), "rb") as sample:
    PDF = sample.read()

# The assignment journey's form: Astana, China, a spouse the registry knows, a child without IIN.
FORM = {
    "region": "astana",
    "country_of_origin": "CHN",
    "education": "higher",
    "profession": "Инженер",
    "address": "г. Астана, ул. Кенесары, 1",
    "members": [
        {"kinship": "spouse", "surname": "Серікбаева", "given_name": "Айгүл",
         "surname_latin": "SERIKBAYEVA", "given_name_latin": "AIGUL", "birth_date": "1992-03-05",
         "citizenship": "CHN", "iin": "920305400125",
         "document": {"kind": "passport", "number": "E1234567", "issued_by": "PRC"}},
        {"kinship": "child", "surname": "Ерланұлы", "given_name": "Алихан",
         "surname_latin": "YERLANULY", "given_name_latin": "ALIKHAN", "birth_date": "2019-04-01",
         "citizenship": "CHN",
         "document": {"kind": "birth_certificate", "number": "B7654321", "issued_by": "PRC"}},
    ],
}


def call(method, path, token=None, body=None, raw=None, content_type="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        request.add_header("content-type", content_type)
    if token:
        request.add_header("authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as answer:
        text = answer.read()
    return json.loads(text) if text else None


def code_for(phone_masked, after):
    """The newest one-time code sent since `after` messages were in the inbox."""
    for _ in range(100):
        inbox = call("GET", "/dev/sms")
        if len(inbox) > after:
            match = re.search(r"\b(\d{6})\b", inbox[0]["text"])
            if match:
                return match.group(1)
        time.sleep(0.1)
    raise SystemExit(f"no code arrived for {phone_masked}")


def sign_in(iin):
    seen = len(call("GET", "/dev/sms"))
    sent = call("POST", "/api/v1/auth/login", body={"iin": iin, "password": PASSWORD})
    code = code_for(sent["phone_masked"], seen)
    confirmed = call("POST", "/api/v1/auth/login/confirm",
                     body={"challenge_id": sent["challenge_id"], "code": code})
    return confirmed["token"]


def upload(token, case, version, document_type, member=None):
    boundary = "kandas-openapi-boundary"
    parts = [("document_type", document_type), ("version", str(version))]
    if member:
        parts.append(("member", member))
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in parts
    )
    body += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="doc.pdf"\r\n'
             "Content-Type: application/pdf\r\n\r\n").encode() + PDF + f"\r\n--{boundary}--\r\n".encode()
    answer = call("POST", f"/api/v1/applications/{case}/attachments", token, raw=body,
                  content_type=f"multipart/form-data; boundary={boundary}")
    return answer["application"]["version"]


def submitted(token):
    """The demo assignment, filled in, attached and signed: registered at the Astana office."""
    created = call("POST", "/api/v1/applications", token, {"kind": "assignment"})
    case = created["id"]
    saved = call("PUT", f"/api/v1/applications/{case}/form", token,
                 {"version": created["version"], "form": FORM})
    child = saved["form"]["members"][1]["id"]
    version = saved["version"]
    for document_type, member in [("personal_history", None), ("nationality_proof", None),
                                  ("identity_document", child)]:
        version = upload(token, case, version, document_type, member)
    seen = len(call("GET", "/dev/sms"))
    sent = call("POST", f"/api/v1/applications/{case}/sign/sms", token)
    code = code_for(sent["phone_masked"], seen)
    signed = call("POST", f"/api/v1/applications/{case}/sign/sms/confirm", token, {"code": code})
    assert signed["status"] == "registered", signed
    return case


applicant = sign_in("900101300811")
officer = sign_in("850302400014")
operator = sign_in("881115300022")
admin = sign_in("700701300067")
auditor = sign_in("910715400083")
auth = sign_in("931002451325")
case = submitted(applicant)
draft = call("POST", "/api/v1/applications", applicant, {"kind": "assignment"})["id"]
paper = call("POST", "/api/v1/desk/applications", operator,
             {"iin": "931002451325", "kind": "extension"})["id"]
# The auditor's account: not the administrator's own, whose sessions the run would end.
account = call("GET", "/api/v1/admin/accounts?iin=910715400083", admin)[0]["id"]
for name, value in [("applicant", applicant), ("officer", officer), ("operator", operator),
                    ("admin", admin), ("auditor", auditor), ("auth", auth), ("case", case), ("draft", draft),
                    ("paper", paper), ("account", account)]:
    print(f"{name}={value}")

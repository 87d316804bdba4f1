#!/usr/bin/env python3
"""The kill -9 fault harness (issue 14, part 7).

Starts a development `kandas serve` on a fresh database (SQLite in a fresh data directory, or a
fresh PostgreSQL database), drives concurrent applicants' operations at it (create a draft with
an Idempotency-Key, save the form, upload both required files, sign by SMS code and submit),
and kills the server with SIGKILL at a random moment, again and again. After each restart it
compares every operation the server acknowledged (a 2xx answer) with what the server has:

- lost: an acknowledged draft, form version, file (by SHA-256) or submission not there;
- duplicate: a draft that no Idempotency-Key stands for, once every unanswered create has been
  sent again with its key (the retry must answer the one draft the key made, or make it).

Exit status 0 when nothing acknowledged was lost and nothing was duplicated, 1 otherwise.
Standard library only; `psql` for the PostgreSQL database.

    python3 bench/faults/crash.py --db sqlite --crashes 20
    python3 bench/faults/crash.py --db postgres --crashes 20 --postgres postgres://postgres@127.0.0.1:5432/postgres
"""

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

APPLICANT = "900101300811"
PASSWORD = "kandas-demo"
MASTER_KEY = "6b616e6461732d746573742d6d61737465722d6b65792d303030303030303030"

# A tiny valid PDF: one blank A4 page (the Rust tests' `kandas_testkit::PDF`).
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "crates", "testkit", "samples", "tiny.pdf"), "rb") as sample:
    PDF = sample.read()

FORM = {
    "region": "astana",
    "country_of_origin": "CHN",
    "education": "higher",
    "profession": "Инженер",
    "address": "г. Астана, ул. Кенесары, 1",
    "members": [],
}


class Down(Exception):
    """The server did not answer (killed, or not up yet)."""


def call(port, method, path, token=None, body=None, raw=None, content_type=None, key=None, timeout=15):
    """One request: (status, body bytes); Down when the connection fails."""
    headers = {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if raw is not None:
        data = raw
        headers["Content-Type"] = content_type
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if key:
        headers["Idempotency-Key"] = key
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (OSError, urllib.error.URLError, ConnectionError) as e:
        raise Down(str(e)) from e


def as_json(data):
    try:
        return json.loads(data)
    except ValueError:
        return None


def multipart(fields, file_name, content):
    boundary = "kandas-faults-" + uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
        f"Content-Type: application/pdf\r\n\r\n".encode()
    )
    parts.append(content + f"\r\n--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`kandas serve` on one data directory and database, restarted after each kill."""

    def __init__(self, binary, data_dir, database_url):
        self.binary = binary
        self.data_dir = data_dir
        self.env = dict(os.environ)
        for k in list(self.env):
            if k.startswith("KANDAS_"):
                del self.env[k]
        self.env.update({
            "KANDAS_DATA_DIR": data_dir,
            "KANDAS_MASTER_KEY": MASTER_KEY,
            "KANDAS_LOG": "warn",
            "KANDAS_AUDIT__TSA_URL": "",
            # The run makes hundreds of drafts and codes for one person: lift those limits only.
            "KANDAS_QUOTAS__OPEN_DRAFTS_PER_APPLICANT": "1000000",
            "KANDAS_RATE_LIMITS__CODES_PER_IIN": "1000000",
            "KANDAS_RATE_LIMITS__CODES_PER_IP": "1000000",
        })
        if database_url:
            self.env["KANDAS_DATABASE_URL"] = database_url
        self.process = None
        self.port = None
        self.log = open(os.path.join(data_dir, "server.log"), "ab")

    def start(self):
        self.port = free_port()
        self.env["KANDAS_LISTEN"] = f"127.0.0.1:{self.port}"
        self.process = subprocess.Popen([self.binary, "serve"], env=self.env, cwd=self.data_dir,
                                        stdout=self.log, stderr=self.log)
        until = time.monotonic() + 120
        while time.monotonic() < until:
            if self.process.poll() is not None:
                sys.exit(f"the server exited with {self.process.returncode}; see {self.data_dir}/server.log")
            try:
                if call(self.port, "GET", "/readyz", timeout=2)[0] == 200:
                    return
            except Down:
                pass
            time.sleep(0.1)
        sys.exit("the server did not become ready within 120 s")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.kill()



class Proxy:
    """A TCP proxy in front of PostgreSQL that the run cuts (every connection closed, new ones
    refused) and heals: the database stopped under load, as the server sees it."""

    def __init__(self, upstream_port):
        self.upstream = ("127.0.0.1", upstream_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(128)
        self.port = self.listener.getsockname()[1]
        self.down = threading.Event()
        self.lock = threading.Lock()
        self.open = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            client, _ = self.listener.accept()
            if self.down.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pump, args=(a, b), daemon=True).start()

    @staticmethod
    def pump(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        for sock in (source, target):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self):
        self.down.set()
        with self.lock:
            for sock in self.open:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
                except OSError:
                    pass
            self.open = []

    def heal(self):
        self.down.clear()

class Ledger:
    """What the server acknowledged, and the creates it may or may not have done."""

    def __init__(self):
        self.lock = threading.Lock()
        self.drafts = {}  # key -> id, for acknowledged creates
        self.unanswered = set()  # keys of creates without an answer
        self.versions = {}  # id -> highest acknowledged version
        self.forms = set()  # ids whose form save was acknowledged
        self.files = {}  # id -> {attachment id: sha256}
        self.submitted = set()
        self.counts = {"create": 0, "save": 0, "upload": 0, "submit": 0}

    def acked(self, what, app_id, version):
        with self.lock:
            self.counts[what] += 1
            self.versions[app_id] = max(self.versions.get(app_id, 0), version)


class Signing:
    """One signing code in flight at a time: every code goes to the applicant's one phone."""

    def __init__(self):
        self.lock = threading.Lock()
        self.seen = set()


def sign_in(port):
    status, body = call(port, "POST", "/api/v1/auth/login", body={"iin": APPLICANT, "password": PASSWORD})
    assert status == 200, (status, body)
    challenge = as_json(body)["challenge_id"]
    code = next_code(port, set(), 30)
    status, body = call(port, "POST", "/api/v1/auth/login/confirm", body={"challenge_id": challenge, "code": code})
    assert status == 200, (status, body)
    return as_json(body)["token"]


def codes_in(port):
    status, body = call(port, "GET", "/dev/sms")
    if status != 200:
        return []
    found = []
    for sms in as_json(body) or []:
        # The code message ("… code 123456. Valid …"), not a notice naming KND-2026-000123.
        match = re.search(r"(?<![\d-])(\d{6})\. ", sms.get("text", ""))
        if match:
            found.append((sms.get("sent_at"), match.group(1)))
    return found


def next_code(port, seen, seconds):
    """The first code in the dev inbox not in `seen` (marked seen)."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        for ident, code in codes_in(port):
            mark = (ident, code)
            if mark not in seen:
                seen.add(mark)
                return code
        time.sleep(0.05)
    raise Down("no code arrived")


class Nodes:
    """The servers' ports, each request to the next one (as behind a load balancer)."""

    def __init__(self, ports, outage=None):
        self.ports = ports
        self.turn = 0
        self.lock = threading.Lock()
        self.outage = outage  # the proxy's `down` event, when the run cuts the database
        self.during_outage = []  # (seconds, status) of requests started while it was cut

    def __call__(self, method, path, *args, **kwargs):
        with self.lock:
            port = self.ports[self.turn % len(self.ports)]
            self.turn += 1
        cut = self.outage is not None and self.outage.is_set()
        started = time.monotonic()
        status, body = call(port, method, path, *args, **kwargs)
        if cut:
            with self.lock:
                self.during_outage.append((time.monotonic() - started, status, method, path))
        return status, body


def applicant(nodes, token, ledger, signing, stop):
    """One applicant's operations in a loop until the servers go away or `stop` is set; each
    request to the next node."""
    call = nodes
    try:
        while not stop.is_set():
            key = uuid.uuid4().hex
            with ledger.lock:
                ledger.unanswered.add(key)
            status, body = call("POST", "/api/v1/applications", token, {"kind": "assignment"}, key=key)
            if status != 201:
                time.sleep(0.2)  # as a client would after a 503's Retry-After, shortened
                continue
            created = as_json(body)
            app_id, version = created["id"], created["version"]
            with ledger.lock:
                ledger.unanswered.discard(key)
                ledger.drafts[key] = app_id
            ledger.acked("create", app_id, version)

            status, body = call("PUT", f"/api/v1/applications/{app_id}/form", token,
                                {"version": version, "form": FORM})
            if status != 200:
                continue
            version = as_json(body)["version"]
            with ledger.lock:
                ledger.forms.add(app_id)
            ledger.acked("save", app_id, version)

            for document in ("personal_history", "nationality_proof"):
                content = PDF + f"% {uuid.uuid4().hex}\n".encode()
                raw, content_type = multipart({"document_type": document, "version": version}, "doc.pdf", content)
                status, body = call("POST", f"/api/v1/applications/{app_id}/attachments", token,
                                    raw=raw, content_type=content_type)
                if status != 201:
                    break
                answer = as_json(body)
                version = answer["application"]["version"]
                with ledger.lock:
                    ledger.files.setdefault(app_id, {})[answer["attachment"]["id"]] = hashlib.sha256(content).hexdigest()
                ledger.acked("upload", app_id, version)
            else:
                with signing.lock:
                    status, _ = call("POST", f"/api/v1/applications/{app_id}/sign/sms", token)
                    if status != 202:
                        continue
                    code = next_code(nodes.ports[-1], signing.seen, 20)
                    status, body = call("POST", f"/api/v1/applications/{app_id}/sign/sms/confirm", token,
                                        {"code": code})
                if status == 200:
                    with ledger.lock:
                        ledger.submitted.add(app_id)
                    ledger.acked("submit", app_id, as_json(body)["version"])
    except Down:
        return


def verify(port, token, ledger):
    """Every acknowledged operation against the server's state; answers (lost, duplicates)."""
    lost = []
    # Unanswered creates, sent again with their keys: each answers one draft.
    for key in sorted(ledger.unanswered):
        status, body = call(port, "POST", "/api/v1/applications", token, {"kind": "assignment"}, key=key)
        if status != 201:
            lost.append(f"the retried create {key} answered {status}: {body[:200]!r}")
            continue
        ledger.drafts[key] = as_json(body)["id"]
    ledger.unanswered.clear()
    known = set(ledger.drafts.values())
    for app_id in sorted(known):
        status, body = call(port, "GET", f"/api/v1/applications/{app_id}", token)
        if status != 200:
            lost.append(f"draft {app_id}: {status}")
            continue
        view = as_json(body)
        if view["version"] < ledger.versions.get(app_id, 0):
            lost.append(f"draft {app_id}: version {view['version']} < acknowledged {ledger.versions[app_id]}")
        if app_id in ledger.forms and (view.get("form") or {}).get("address") != FORM["address"]:
            lost.append(f"draft {app_id}: the saved form is gone")
        held = {a["id"] for a in view.get("attachments", [])}
        for attachment, sha in ledger.files.get(app_id, {}).items():
            if attachment not in held:
                lost.append(f"draft {app_id}: file {attachment} is gone")
                continue
            status, content = call(port, "GET", f"/api/v1/applications/{app_id}/attachments/{attachment}", token)
            if status != 200 or hashlib.sha256(content).hexdigest() != sha:
                lost.append(f"draft {app_id}: file {attachment} answers {status} or other bytes")
        if app_id in ledger.submitted and view["status"] == "draft":
            lost.append(f"application {app_id}: acknowledged as submitted, still a draft")
    status, body = call(port, "GET", "/api/v1/applications", token)
    listed = {a["id"] for a in as_json(body)} if status == 200 else set()
    duplicates = sorted(listed - known - ledger.before)
    return lost, duplicates


def fresh_postgres(admin_url):
    name = "kandas_faults_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", admin_url, "-qAtc", f"CREATE DATABASE {name}"], check=True)
    base = admin_url.rsplit("/", 1)[0]
    return name, f"{base}/{name}"


def drop_postgres(admin_url, name):
    subprocess.run(["psql", admin_url, "-qAtc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--crashes", type=int, default=20)
    parser.add_argument("--applicants", type=int, default=3, help="concurrent operation loops")
    parser.add_argument("--nodes", type=int, default=1,
                        help="servers on the one database, each request to the next (PostgreSQL only)")
    parser.add_argument("--binary", default="target/debug/kandas")
    parser.add_argument("--postgres", default=os.environ.get("KANDAS_TEST_POSTGRES_URL",
                                                             "postgres://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--outage", action="store_true",
                        help="also cut the database for 4 s under load before each crash (PostgreSQL only): "
                             "every request meanwhile must answer within 3 s, 2xx or 503")
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"no server binary at {binary} (cargo build -p kandas)")
    data_dir = tempfile.mkdtemp(prefix="kandas-faults-")
    database, url = (None, None)
    proxy = None
    if args.db == "postgres":
        database, url = fresh_postgres(args.postgres)
        if args.outage:
            upstream = int(re.search(r":(\d+)/", url).group(1))
            proxy = Proxy(upstream)
            url = url.replace(f":{upstream}/", f":{proxy.port}/")
    elif args.outage:
        sys.exit("the outage cuts a PostgreSQL connection: use --db postgres")
    if args.nodes > 1 and args.db != "postgres":
        sys.exit("several nodes share one PostgreSQL database: use --db postgres")
    servers = []
    for n in range(args.nodes):
        node_dir = os.path.join(data_dir, f"node-{n}")
        os.makedirs(node_dir)
        servers.append(Server(binary, node_dir, url))
    server = servers[0]
    failed = False
    try:
        for s in servers:
            s.start()
        token = sign_in(server.port)
        ledger = Ledger()
        status, body = call(server.port, "GET", "/api/v1/applications", token)
        ledger.before = {a["id"] for a in as_json(body)}  # the demo data's own
        signing = Signing()
        total_lost, total_duplicates = [], []
        started = time.monotonic()
        for crash in range(1, args.crashes + 1):
            stop = threading.Event()
            nodes = Nodes([s.port for s in servers], proxy.down if proxy else None)
            threads = [threading.Thread(target=applicant, args=(nodes, token, ledger, signing, stop))
                       for _ in range(args.applicants)]
            for t in threads:
                t.start()
            time.sleep(rng.uniform(0.5, 2.5))
            if proxy:
                proxy.cut()
                time.sleep(4)
                proxy.heal()
                time.sleep(2)
                slow = [r for r in nodes.during_outage if r[0] > 3.0 or not (200 <= r[1] < 300 or r[1] == 503)]
                worst = max((r[0] for r in nodes.during_outage), default=0.0)
                print(f"  outage: {len(nodes.during_outage)} requests while cut, slowest {worst:.2f} s, "
                      f"{sum(1 for r in nodes.during_outage if r[1] == 503)} answered 503", flush=True)
                total_lost.extend(f"during the outage: {m} {p} answered {st} after {sec:.2f} s"
                                  for sec, st, m, p in slow)
            for s in servers:
                s.kill()
            stop.set()
            for t in threads:
                t.join()
            for s in servers:
                s.start()
            signing.seen.update((i, c) for i, c in codes_in(server.port))
            lost, duplicates = verify(server.port, token, ledger)
            total_lost += lost
            total_duplicates += duplicates
            print(f"crash {crash:2}/{args.crashes} ({args.db}, {args.nodes} node(s)): {len(ledger.drafts)} drafts, "
                  f"{sum(ledger.counts.values())} acknowledged so far; lost {len(lost)}, duplicates {len(duplicates)}",
                  flush=True)
        counts = ", ".join(f"{n} {what}" for what, n in ledger.counts.items())
        print(f"\n{args.db}, {args.nodes} node(s): {args.crashes} kill -9 in {time.monotonic() - started:.0f} s; acknowledged: {counts}; "
              f"lost {len(total_lost)}, duplicates {len(total_duplicates)}")
        for line in total_lost + [f"a draft no key stands for: {d}" for d in total_duplicates]:
            print("  " + line)
        failed = bool(total_lost or total_duplicates)
    finally:
        for s in servers:
            s.stop()
        if database:
            drop_postgres(args.postgres, database)
        if not failed:
            shutil.rmtree(data_dir, ignore_errors=True)
        else:
            print(f"kept {data_dir} (server.log, the database)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

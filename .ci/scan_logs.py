#!/usr/bin/env python3
"""No patient identifiers, user ids or tokens in any log line.

Collects the identifiers the tests use -- from the JSON fixtures (Synthea bundles, CDS Hooks requests, the documented
examples: patient ids, names, MRNs and other identifiers, phone numbers, address lines, encounter and practitioner
ids, context patientId/encounterId/userId, access tokens) and from the test sources (patient ids, user ids and
tokens written as literals, and patient ids built as "prefix-" + UUID.randomUUID()) -- then reads every log file of a
test run and fails naming file:line for each identifier found, and for every JWT (eyJ...) or bearer/basic
credential whatever its origin.

    scan_logs.py [--repo DIR] [LOG_FILE_OR_DIR ...]   (default: target/test-logs, target/surefire-reports/*-output.txt)
    scan_logs.py --self-test                           (plants lines and checks that each one is caught)
"""
import base64
import json
import os
import re
import sys
import tempfile

# An identifier counts only as a whole token: letters, digits and '-' on neither side (so a short id such as
# "f101" is not found inside a UUID or a longer word; '_' separates, so "Abshire_0282..." still shows the name).
TOKEN_SPLIT = re.compile(r"[^A-Za-z0-9-]+")
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
MIN_LENGTH = 4
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")
# A bearer credential after its scheme; a word such as "Bearer authentication" is prose, not a token (a token
# has a digit or punctuation in it).
BEARER = re.compile(r"Bearer\s+([A-Za-z0-9._~+/-]{8,}=*)")
# A basic credential: Base64 of "user:password".
BASIC = re.compile(r"Basic\s+([A-Za-z0-9+/]{8,}=*)")
SOURCE_LITERALS = [
    re.compile(r'"(?:patientId|encounterId|userId|access_token)"\s*,\s*"([^"]+)"'),
    re.compile(r'\b(?:orderSign|orderSelect)\(\s*"([^"]+)"'),
    re.compile(r'\b[A-Z_]*(?:PATIENT|TOKEN)[A-Z_]*\s*=\s*"([^"]+)"'),
]
SOURCE_UUID_PREFIXES = re.compile(r'(?i)\bpatient\w*\s*=\s*"([^"]+)"\s*\+\s*UUID\.randomUUID\(\)')


class Identifiers:
    def __init__(self):
        self.tokens = {}    # single-token identifier -> where it came from
        self.phrases = {}   # identifiers with spaces or '/' -> where it came from
        self.patterns = []  # (compiled regex, what it is)

    def add(self, value, origin, word=False):
        """word: a name, which is a plain word; any other identifier alone must hold a digit or '-', since a plain
        word ("example" in Patient/example) also names hosts and things in log lines ("Patient/example" counts)."""
        if not isinstance(value, str):
            return
        value = value.strip()
        if len(value) < MIN_LENGTH or (not word and value.isalpha()) or TOKEN_SPLIT.match(value[-1]):
            return  # too short, a plain word, or a prefix ("Practitioner/") that only ever precedes an identifier
        if TOKEN_SPLIT.search(value):
            parts = [p for p in TOKEN_SPLIT.split(value) if p]
            if parts:
                self.phrases.setdefault(value, origin)
        else:
            self.tokens.setdefault(value, origin)

    def add_uuid_prefix(self, prefix, origin):
        if any(what.endswith(": " + prefix + "<uuid>") for _, what in self.patterns):
            return
        self.patterns.append((re.compile(r"(?<![A-Za-z0-9-])" + re.escape(prefix) + UUID + r"(?![A-Za-z0-9-])"),
                              origin + ": " + prefix + "<uuid>"))

    def __len__(self):
        return len(self.tokens) + len(self.phrases) + len(self.patterns)


def collect_json(node, ids, origin):
    """Walks any JSON: FHIR resources (Patient, Encounter, Practitioner, references) and CDS Hooks requests."""
    if isinstance(node, list):
        for item in node:
            collect_json(item, ids, origin)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("resourceType")
    if kind == "Patient":
        ids.add(node.get("id"), origin + ": Patient.id")
        for identifier in node.get("identifier", []):
            ids.add(identifier.get("value"), origin + ": Patient.identifier")
        for name in node.get("name", []):
            given = [g for g in name.get("given", []) if isinstance(g, str)]
            family = name.get("family")
            for part in given + [family]:
                if isinstance(part, str) and part[:1].isupper():
                    ids.add(part, origin + ": Patient.name", word=True)
            if given and isinstance(family, str):
                ids.add(" ".join(given + [family]), origin + ": Patient.name")
            ids.add(name.get("text"), origin + ": Patient.name")
        for telecom in node.get("telecom", []):
            ids.add(telecom.get("value"), origin + ": Patient.telecom")
        for address in node.get("address", []):
            for line in address.get("line", []):
                ids.add(line, origin + ": Patient.address")
    elif kind in ("Encounter", "Practitioner"):
        ids.add(node.get("id"), origin + ": " + kind + ".id")
    for key in ("patientId", "encounterId", "userId", "patient", "user", "access_token"):
        if isinstance(node.get(key), str):
            ids.add(node[key], origin + ": " + key)
    reference = node.get("reference")
    if isinstance(reference, str) and reference.startswith(("Patient/", "Encounter/")):
        ids.add(reference.split("/", 1)[1], origin + ": reference")
        ids.add(reference, origin + ": reference")
    for value in node.values():
        collect_json(value, ids, origin)


def collect(repo, fixture_dirs, source_dirs):
    ids = Identifiers()
    for base in fixture_dirs:
        for root, _, files in os.walk(os.path.join(repo, base)):
            for name in sorted(files):
                if name.endswith(".json"):
                    path = os.path.join(root, name)
                    try:
                        with open(path, encoding="utf-8") as f:
                            collect_json(json.load(f), ids, os.path.relpath(path, repo))
                    except (ValueError, UnicodeDecodeError):
                        continue  # not JSON (a fixture that is deliberately broken): nothing to learn from it
    for base in source_dirs:
        for root, _, files in os.walk(os.path.join(repo, base)):
            for name in sorted(files):
                if not name.endswith(".java"):
                    continue
                path = os.path.join(root, name)
                origin = os.path.relpath(path, repo)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                for pattern in SOURCE_LITERALS:
                    for m in pattern.finditer(text):
                        ids.add(m.group(1), origin)
                for m in SOURCE_UUID_PREFIXES.finditer(text):
                    ids.add_uuid_prefix(m.group(1), origin)
    return ids


def log_files(repo, paths):
    if not paths:
        paths = [os.path.join(repo, "target", "test-logs")]
        reports = os.path.join(repo, "target", "surefire-reports")
        if os.path.isdir(reports):
            paths += [os.path.join(reports, n) for n in sorted(os.listdir(reports)) if n.endswith("-output.txt")]
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in sorted(names)]
        elif os.path.isfile(p):
            files.append(p)
    return files


def scan_line(line, ids):
    """The identifiers and credentials in one line: [(what, where it came from)]."""
    found = []
    if JWT.search(line):
        found.append(("JWT", "any JWT"))
    if any(re.search(r"[0-9._~+/-]", m.group(1)) for m in BEARER.finditer(line)):
        found.append(("bearer token", "any bearer token"))
    if any(basic_credential(m.group(1)) for m in BASIC.finditer(line)):
        found.append(("basic credential", "any basic credential"))
    for token in TOKEN_SPLIT.split(line):
        if token in ids.tokens:
            found.append((token, ids.tokens[token]))
    for phrase, origin in ids.phrases.items():
        start = line.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            before = line[start - 1] if start > 0 else " "
            after = line[end] if end < len(line) else " "
            if TOKEN_SPLIT.match(before) and TOKEN_SPLIT.match(after):
                found.append((phrase, origin))
                break
            start = line.find(phrase, start + 1)
    for pattern, origin in ids.patterns:
        m = pattern.search(line)
        if m:
            found.append((m.group(0), origin))
    return found


def basic_credential(text):
    try:
        return ":" in base64.b64decode(text + "=" * (-len(text) % 4), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return False


def scan(files, ids, out):
    hits = 0
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                for what, origin in scan_line(line, ids):
                    hits += 1
                    shown = what if len(what) <= 40 else what[:20] + "..."
                    print(f"{path}:{number}: {shown!r} ({origin})", file=out)
    return hits


def self_test():
    """Plants each kind of leak in a log and checks it is reported at its line, and that near misses are not."""
    with tempfile.TemporaryDirectory() as repo:
        os.makedirs(os.path.join(repo, "fixtures"))
        os.makedirs(os.path.join(repo, "src"))
        patient = {"resourceType": "Bundle", "entry": [
            {"resource": {"resourceType": "Patient", "id": "0b1c2d3e-aaaa-bbbb-cccc-000000000001",
                          "identifier": [{"value": "MRN-778899"}, {"value": "999-12-3456"}],
                          "name": [{"family": "Quintero", "given": ["Ysolde"]}],
                          "telecom": [{"value": "555-010-9999"}],
                          "address": [{"line": ["42 Wallaby Way"]}]}},
            {"resource": {"resourceType": "Encounter", "id": "enc-424242"}}]}
        request = {"hook": "order-sign", "context": {"patientId": "f101", "userId": "Practitioner/dr-who-77",
                                                     "encounterId": "example"},
                   "fhirAuthorization": {"access_token": "opaque-token-abc123"}}
        with open(os.path.join(repo, "fixtures", "bundle.json"), "w") as f:
            json.dump(patient, f)
        with open(os.path.join(repo, "fixtures", "request.json"), "w") as f:
            json.dump(request, f)
        with open(os.path.join(repo, "src", "SomeTest.java"), "w") as f:
            f.write('class SomeTest {\n  static final String TOKEN = "very-secret-1";\n'
                    '  void t() { String patient = "planted-" + UUID.randomUUID(); '
                    'HookRequests.orderSign("lit-patient-9", null); }\n}\n')
        jwt = "eyJhbGciOiJFUzM4NCJ9.eyJpc3MiOiJodHRwczovL2VociJ9.c2lnbmF0dXJlLWJ5dGVz"
        planted = [
            "INFO evaluated for patient 0b1c2d3e-aaaa-bbbb-cccc-000000000001",
            "WARN record MRN-778899 refused",
            "ERROR ssn=999-12-3456",
            "INFO name Quintero",
            "INFO Ysolde Quintero called",
            "INFO phone 555-010-9999",
            "INFO lives at 42 Wallaby Way.",
            "INFO encounter enc-424242 closed",
            "INFO GET Patient/f101",
            "INFO user Practitioner/dr-who-77 signed",
            "DEBUG token opaque-token-abc123",
            "DEBUG token very-secret-1",
            "INFO patient planted-3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
            "INFO patient lit-patient-9",
            "INFO header " + jwt,
            "INFO Authorization: Bearer abcdefgh12345678",
            "INFO Authorization: Basic YXVkaXRvcjphdWRpdG9y",
        ]
        clean = [
            "INFO card 3ebcb71e-f101-4969-abb9-7c7d3e3aae3c issued",  # the short id inside a UUID
            "INFO f1011 and xf101 are other words",
            "INFO Quinteros and QuinteroX are not the name",
            "INFO no bearer token; WWW-Authenticate: Bearer",
            "INFO staff use Bearer authentication or HTTP Basic authentication",
            "INFO enc-4242421 differs",
            "INFO planted-not-a-uuid",
            "INFO audience https://cds.hospital.example/ for the example server",
        ]
        log = os.path.join(repo, "test.log")
        with open(log, "w") as f:
            f.write("\n".join(planted + clean) + "\n")
        ids = collect(repo, ["fixtures"], ["src"])
        reported = {}
        for number, line in enumerate(open(log), 1):
            reported[number] = scan_line(line, ids)
        failures = []
        for number, line in enumerate(planted, 1):
            if not reported[number]:
                failures.append(f"planted line {number} not caught: {line}")
        for offset, line in enumerate(clean, len(planted) + 1):
            if reported[offset]:
                failures.append(f"clean line {offset} reported ({reported[offset]}): {line}")
        import io
        buffer = io.StringIO()
        hits = scan([log], ids, buffer)
        if f"{log}:1:" not in buffer.getvalue() or hits < len(planted):
            failures.append("the report does not name file:line of each planted line")
        for failure in failures:
            print("SELF-TEST FAIL: " + failure)
        if failures:
            return 1
        print(f"scan_logs self-test: {len(planted)} planted lines caught, {len(clean)} near misses left alone")
        return 0


def main(argv):
    if argv[1:2] == ["--self-test"]:
        return self_test()
    repo = "."
    args = argv[1:]
    if args[:1] == ["--repo"]:
        repo, args = args[1], args[2:]
    ids = collect(repo, ["src/test/resources", "docs/examples"], ["src/test/java"])
    if len(ids) < 20:
        print(f"FAIL: only {len(ids)} identifiers collected from the test fixtures; the collection is broken")
        return 2
    files = log_files(repo, args)
    lines = 0
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines += sum(1 for _ in f)
    if not files or lines == 0:
        print("FAIL: no log lines to scan (is %test.quarkus.log.file.* set, and did the tests run?)")
        return 2
    hits = scan(files, ids, sys.stdout)
    print(f"scanned {lines} lines in {len(files)} files for {len(ids.tokens)} identifiers, {len(ids.phrases)} "
          f"phrases, {len(ids.patterns)} generated-id patterns and any JWT or credential: {hits} found")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Where the service's CPU went under load, from a JFR recording: the share of execution samples (Java threads that
were running) whose stack holds a frame of each category, and the hottest top frames. A sample can count in several
categories (the audit write serialises JSON, for example); categories are matched in order for the "first" column.

    bench/jfr-summary.py RECORDING.jfr              # the whole recording
    bench/jfr-summary.py RECORDING.jfr --first 12   # its first 12 s: where start-up went
"""
import re
import subprocess
import sys
from collections import Counter

# (label, pattern on a frame): the parts of one audited evaluation, most specific first.
CATEGORIES = [
    ("DRL compilation, at start and publication (Drools builder, MVEL)",
     r"org\.drools\.compiler|org\.drools\.mvel|org\.kie\.(api\.builder|internal\.builder)|org\.eclipse\.jdt|javax\.tools|com\.sun\.tools\.javac"),
    ("knowledge and vocabulary loading", r"org\.medsafety\.knowledge\.(KnowledgeLoader|VocabularyIndex|VocabularyFile|CsvTable)"),
    ("scenarios run before a ruleset goes live", r"org\.medsafety\.scenario"),
    ("Flyway, Hibernate boot", r"org\.flywaydb|org\.hibernate\.boot"),
    ("client JWT verification (jose4j, EC P-384)", r"org\.jose4j|sun\.security\.ec|intpoly\.IntegerPolynomialP384"),
    ("audit hash chain (AuditChain, SHA-256)", r"org\.medsafety\.audit\.AuditChain|sun\.security\.provider\.SHA"),
    ("audit write (GroupCommitWriter, Hibernate, JDBC)",
     r"org\.medsafety\.audit\.(GroupCommitWriter|AuditTrail|Journal)|org\.hibernate|org\.h2\.|org\.postgresql|agroal"),
    ("rules (Drools)", r"org\.drools|org\.kie|org\.mvel"),
    ("facts and cards (engine, medication, cards)",
     r"org\.medsafety\.(engine|medication|knowledge|units)|org\.medsafety\.cdshooks\.CardFactory"),
    ("snapshot (FHIR resources to facts)", r"org\.medsafety\.snapshot|org\.medsafety\.cdshooks\.PrefetchResolver"),
    ("request reading (HookRequestReader, JSON parse)",
     r"org\.medsafety\.cdshooks\.HookRequestReader|org\.medsafety\.json|com\.fasterxml\.jackson\.core\.json\.UTF8StreamJsonParser"),
    ("JSON writing (audit content, response)", r"com\.fasterxml\.jackson\.databind\.ser|JsonGenerator"),
    ("metrics (Micrometer)", r"io\.micrometer"),
    ("HTTP (Vert.x, Netty, RESTEasy Reactive)", r"io\.vertx|io\.netty|org\.jboss\.resteasy"),
    ("JIT/GC/JFR (VM threads are not sampled; these are Java frames of them)", r"jdk\.jfr|java\.lang\.ref"),
]


def seconds(block):
    m = re.search(r"startTime = (\d+):(\d+):(\d+)\.(\d+)", block)
    return int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3]) + int(m[4]) / 10 ** len(m[4]) if m else None


def samples(path, first=None):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                          capture_output=True, text=True, check=True).stdout
    start = None
    for block in text.split("jdk.ExecutionSample {")[1:]:
        if first is not None:
            t = seconds(block)
            start = t if start is None else min(start, t)
            if t - start > first:
                continue
        m = re.search(r"stackTrace = \[(.*?)\n\s*\]", block, re.S)
        if m:
            yield [f.strip() for f in m.group(1).strip().splitlines() if f.strip() and f.strip() != "..."]


def main():
    first = float(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--first" else None
    stacks = list(samples(sys.argv[1], first))
    if not stacks:
        print("no execution samples")
        return
    anywhere, first, top = Counter(), Counter(), Counter()
    for frames in stacks:
        hit = None
        for label, pattern in CATEGORIES:
            if any(re.search(pattern, f) for f in frames):
                anywhere[label] += 1
                hit = hit or label
        first[hit or "other"] += 1
        top[re.sub(r"\s+line:.*", "", frames[0])] += 1
    n = len(stacks)
    print(f"{n} execution samples\n")
    print("| part | samples with a frame of it | first match |")
    print("|---|---|---|")
    for label, _ in CATEGORIES + [("other", "")]:
        if anywhere[label] or first[label]:
            print(f"| {label} | {100 * anywhere[label] / n:.0f}% | {100 * first[label] / n:.0f}% |")
    print("\nHottest top frames:\n")
    for frame, count in top.most_common(15):
        print(f"- {100 * count / n:.1f}% `{frame}`")


if __name__ == "__main__":
    main()

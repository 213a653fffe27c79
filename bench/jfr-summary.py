#!/usr/bin/env python3
"""Where the service's CPU went under load, from a JFR recording: the share of execution samples (Java threads that
were running) whose stack holds a frame of each category, and the hottest top frames. A sample can count in several
categories (the audit write serialises JSON, for example); categories are matched in order for the "first" column.

    bench/jfr-summary.py RECORDING.jfr
"""
import re
import subprocess
import sys
from collections import Counter

# (label, pattern on a frame): the parts of one audited evaluation, most specific first.
CATEGORIES = [
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


def samples(path):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                          capture_output=True, text=True, check=True).stdout
    for block in text.split("jdk.ExecutionSample {")[1:]:
        m = re.search(r"stackTrace = \[(.*?)\n\s*\]", block, re.S)
        if m:
            yield [f.strip() for f in m.group(1).strip().splitlines() if f.strip() and f.strip() != "..."]


def main():
    stacks = list(samples(sys.argv[1]))
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

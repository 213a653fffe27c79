#!/usr/bin/env python3
"""The markdown table of one bench/run.sh run: reads results.tsv and the wrk RESULT lines of the run folder."""
import re
import sys
from pathlib import Path

out = Path(sys.argv[1])
r = {}
for line in (out / "results.tsv").read_text().splitlines():
    key, _, value = line.partition("\t")
    r[key] = value


def wrk(name):
    """The RESULT line of one wrk run as a dict of numbers, or None if the run is missing."""
    f = out / f"{name}.txt"
    if not f.exists():
        return None
    m = re.search(r"^RESULT (.*)$", f.read_text(), re.M)
    return {k: float(v) for k, v in (kv.split("=") for kv in m.group(1).split())} if m else None


def ms(us):
    return f"{us / 1000:.2f}"


def verdict(ok):
    return "**met**" if ok else "**missed**"


dbs = [db for db in ("h2", "pg") if wrk(f"{db}-post")]
names = {"h2": "H2", "pg": "PostgreSQL"}
rows = []


def row(figure, values, target="", met=""):
    rows.append(f"| {figure} | " + " | ".join(values) + f" | {target} | {met} |")


# In process (JMH, sample mode; µs p50/p90/p99); the same for both databases.
jmh = {k[4:]: v for k, v in r.items() if k.startswith("jmh_")}
if jmh:
    p50 = {k: int(v.split("/")[0]) for k, v in jmh.items()}
    for kind, label in (("rules", "rules on a built snapshot"), ("snapshotAndRules", "snapshot + rules")):
        shipped, big = p50.get(f"{kind}_shipped"), p50.get(f"{kind}_100k")
        if shipped is None:
            continue
        row(f"in-process evaluation, {label}, shipped KB (µs p50/p90/p99)", [jmh[f"{kind}_shipped"]] * len(dbs),
            "p50 ≤ 200 µs", verdict(shipped <= 200))
        if big is not None:
            row(f"in-process evaluation, {label}, 100,000-pair KB (µs p50/p90/p99)", [jmh[f"{kind}_100k"]] * len(dbs),
                f"p50 ≤ 2 × shipped ({2 * shipped} µs)", verdict(big <= 2 * shipped))

for checker, label in (("service", "as the service checks it"), ("jdk", "with the JDK's providers alone")):
    if f"token_ES384_{checker}" in r:
        row(f"one client JWT signature check in process, {label}, ES384 / RS384 (µs p50/p90/p99)",
            [f"{r[f'token_ES384_{checker}']} / {r.get(f'token_RS384_{checker}', '?')}"] * len(dbs))

post = {db: wrk(f"{db}-post") for db in dbs}
bare = {db: wrk(f"{db}-bare") for db in dbs}
get = {db: wrk(f"{db}-get") for db in dbs}
row("order-sign throughput at 8 connections (calls/s)", [f"{post[db]['rps']:.0f}" for db in dbs])
row("bare parse-and-insert throughput at 8 connections (calls/s)", [f"{bare[db]['rps']:.0f}" for db in dbs])
row("GET /cds-services throughput at 8 connections (calls/s)", [f"{get[db]['rps']:.0f}" for db in dbs])
ratios = {db: post[db]["rps"] / bare[db]["rps"] for db in dbs}
row("order-sign / bare throughput", [f"{ratios[db]:.2f}" for db in dbs], "≥ 0.6",
    " / ".join(verdict(ratios[db] >= 0.6) for db in dbs))
for label, runs in (("order-sign", post), ("bare", bare), ("GET /cds-services", get)):
    row(f"{label} latency at 8 connections (ms p50/p90/p99)",
        [f"{ms(runs[db]['p50'])} / {ms(runs[db]['p90'])} / {ms(runs[db]['p99'])}" for db in dbs])
row("service CPU per order-sign call at 8 connections (ms; user + system over the measured run)",
    [r.get(f"cpu_per_call_{db}", "?") for db in dbs])
row("warm-up before measuring: seconds of order-sign load, JIT compile time in its last 10 s (s)",
    [f"{r.get(f'warmup_s_{db}', '?')}, {r.get(f'warmup_jit_last_{db}', '?')}" for db in dbs])
row("failed calls in the measured runs (order-sign / bare / GET)",
    [f"{post[db]['failed']:.0f} / {bare[db]['failed']:.0f} / {get[db]['failed']:.0f}" for db in dbs], "0",
    " / ".join(verdict(post[db]["failed"] + bare[db]["failed"] + get[db]["failed"] == 0) for db in dbs))

row("sanity: status of a call without a client JWT / cards in the answer to one with",
    [f"{r.get(f'unauthenticated_status_{db}', '?')} / {r.get(f'sample_cards_{db}', '?')}" for db in dbs],
    "401 / ≥ 1", " / ".join(verdict(r.get(f"unauthenticated_status_{db}") == "401"
                                     and r.get(f"sample_cards_{db}", "0").isdigit()
                                     and int(r.get(f"sample_cards_{db}", "0")) >= 1) for db in dbs))

seq = {db: (wrk(f"{db}-seq-post"), wrk(f"{db}-seq-get"), wrk(f"{db}-seq-bare")) for db in dbs}
row("one keep-alive connection: order-sign / bare / GET p50 (ms)",
    [f"{ms(p['p50'])} / {ms(b['p50'])} / {ms(g['p50'])}" for p, g, b in seq.values()])
cost = {db: (p["p50"] - g["p50"]) / 1000 for db, (p, g, b) in seq.items()}
bare_cost = {db: (b["p50"] - g["p50"]) / 1000 for db, (p, g, b) in seq.items()}
row("sequential server cost: order-sign p50 − GET p50 (ms)", [f"{cost[db]:.2f}" for db in dbs], "≤ 2 ms",
    " / ".join(verdict(cost[db] <= 2) for db in dbs))
row("sequential server cost of the bare endpoint: bare p50 − GET p50 (ms)", [f"{bare_cost[db]:.2f}" for db in dbs])
open_post, small_post, open_get = wrk("h2-seq-post-open"), wrk("h2-seq-post-small"), wrk("h2-seq-get-open")
if open_post and small_post and open_get and "h2" in dbs:
    rest = ["–"] * (len(dbs) - 1)
    row("sequential server cost without client JWTs (no clients file), same patients (ms)",
        [f"{(open_post['p50'] - open_get['p50']) / 1000:.2f}"] + rest)
    row("sequential server cost without client JWTs, README one-medication call (ms)",
        [f"{(small_post['p50'] - open_get['p50']) / 1000:.2f}"] + rest)

row("start to ready, first start on an empty database, shipped KB (s)", [f"{int(r[f'ready_shipped_{db}']) / 1000:.1f}" for db in dbs], "≤ 5 s",
    " / ".join(verdict(int(r[f"ready_shipped_{db}"]) <= 5000) for db in dbs))
if all(f"ready_restart_{db}" in r for db in dbs):
    row("start to ready on a restart (active ruleset already in the database; compiled, scenarios not rerun) (s)",
        [f"{int(r[f'ready_restart_{db}']) / 1000:.1f}" for db in dbs], "≤ 5 s",
        " / ".join(verdict(int(r[f"ready_restart_{db}"]) <= 5000) for db in dbs))
if "ready_100k_h2" in r:
    ready = int(r["ready_100k_h2"])
    row("start to ready, 100,000-pair KB (s)", [f"{ready / 1000:.1f}"] + ["–"] * (len(dbs) - 1), "≤ 20 s",
        verdict(ready <= 20000))
row("publication under load at 8 connections: reload call (s), status, failed calls",
    [f"{int(r[f'publish_ms_{db}']) / 1000:.1f}, {r[f'publish_status_{db}']}, {r.get(f'publish_failed_{db}', '?')}"
     for db in dbs], "≤ 3 s, 0 failed",
    " / ".join(verdict(int(r[f"publish_ms_{db}"]) <= 3000 and r.get(f"publish_failed_{db}") == "0"
                       and r[f"publish_status_{db}"] == "active") for db in dbs))
row("RSS, highest sample under load (MiB)", [r.get(f"rss_max_{db}", "?") for db in dbs], "≤ 512 MiB",
    " / ".join(verdict(int(r.get(f"rss_max_{db}", "99999") or 99999) <= 512) for db in dbs))
row("heap used, highest sample under load (MiB)", [r.get(f"heap_max_{db}", "?") for db in dbs])

print(f"Machine: {r.get('machine')}; {r.get('java')}. Commit {r.get('commit')}, {r.get('date')}. "
      f"Load average before {r.get('load_before')}, after {r.get('load_after')}.")
print(f"Command: `{r.get('command')}`; run folder `{out.relative_to(out.parents[2]) if len(out.parents) > 2 else out}`.")
print()
print("| figure | " + " | ".join(names[db] for db in dbs) + " | target | |")
print("|---|" + "---|" * len(dbs) + "---|---|")
print("\n".join(rows))

#!/usr/bin/env python3
"""Samples which ruleset activation each instance serves: GET /admin/rulesets/active on every port, every 50 ms,
for SECONDS. One line per answer: the unix time the request was sent, port, activation, version (or: time port
error reason).

    python3 .ci/served-activations.py SECONDS PORT...
"""
import base64
import json
import sys
import time
import urllib.request

seconds, ports = float(sys.argv[1]), sys.argv[2:]
auth = "Basic " + base64.b64encode(b"pharmacist:pharmacist").decode()
end = time.time() + seconds
while time.time() < end:
    for port in ports:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/admin/rulesets/active",
                                         headers={"Authorization": auth})
        sent = time.time()
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                body = json.load(answer)
            print(f"{sent:.3f} {port} {body['activation']} {body['version']}", flush=True)
        except Exception as e:  # reported, and counted as a failure by the caller
            print(f"{sent:.3f} {port} error {type(e).__name__}", flush=True)
    time.sleep(0.05)

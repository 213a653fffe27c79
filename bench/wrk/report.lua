-- Shared by the bench/wrk scripts: one machine-readable line per run, read by bench/run.sh.
-- Latencies in microseconds; "failed" counts non-2xx answers and socket errors (a failed call).
function report(summary, latency)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f p50=%d p90=%d p99=%d max=%d failed=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status + e.connect + e.read + e.write + e.timeout))
end

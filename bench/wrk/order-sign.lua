-- POST order-sign requests of generated patients (bench/jmh PatientMix), each with a fresh hookInstance and, when a
-- tokens file is given, its own client JWT (the service accepts a jti once, so threads take disjoint tokens).
--   wrk -t THREADS -s bench/wrk/order-sign.lua URL -- REQUESTS.ndjson RUN_ID THREADS [TOKENS]
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
require "report"

local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

function init(args)
  local placeholder = "HOOK-INSTANCE-PLACEHOLDER"
  prefixes, suffixes = {}, {}
  for line in io.lines(args[1]) do
    local at = line:find(placeholder, 1, true)
    table.insert(prefixes, line:sub(1, at - 1))
    table.insert(suffixes, line:sub(at + #placeholder))
  end
  run_id = tonumber(args[2])
  local thread_count = tonumber(args[3])
  tokens = {}
  if args[4] then
    local n = 0
    for token in io.lines(args[4]) do
      -- Thread t of the run takes every line whose number is t modulo the thread count.
      if n % thread_count == thread_id then table.insert(tokens, token) end
      n = n + 1
    end
  end
  sent = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  sent = sent + 1
  local i = (sent + thread_id * 7919) % #prefixes + 1
  local hook = string.format("%08x-%04x-4000-8000-%012x", run_id, thread_id, sent)
  local headers = nil
  if #tokens > 0 then
    -- Past the last token the calls go without one and are refused: the run then reports failed calls.
    local token = tokens[sent]
    headers = {["Content-Type"] = "application/json"}
    if token then headers["Authorization"] = "Bearer " .. token end
  end
  return wrk.format(nil, nil, headers, prefixes[i] .. hook .. suffixes[i])
end

done = report

-- What the three wrk scripts share: thread bookkeeping, counting failed answers, the RESULT line.
-- Loaded by each script with dofile(<its own folder>/common.lua); wrk runs setup and done in its main
-- Lua state and init/request/response in one state per thread, each of which loads this file.

local threads, created = {}, 0

function setup(thread)
  thread:set("id", created)
  created = created + 1
  table.insert(threads, thread)
end

non2xx, exhausted = 0, 0

-- Counts a failed answer (showing the first three); true when the answer was a 2xx.
function counted(status, body)
  if status >= 200 and status <= 299 then return true end
  non2xx = non2xx + 1
  if non2xx <= 3 then io.stderr:write("non-2xx " .. status .. ": " .. string.sub(body or "", 1, 200) .. "\n") end
  return false
end

function response(status, headers, body)
  counted(status, body)
end

-- One line for run.sh to parse: totals over every thread.
function done(summary, latency, _)
  local n, ex = 0, 0
  for _, t in ipairs(threads) do
    n = n + t:get("non2xx")
    ex = ex + t:get("exhausted")
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT scenario=%s requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d exhausted=%d\n",
    threads[1]:get("scenario"), summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    n, e.connect + e.read + e.write + e.timeout, ex))
end

-- wrk script: POST pre-generated login payloads, each one exactly once.
-- usage: wrk ... -s login.lua URL -- PAYLOAD_FILE THREADS [PATH] [SCENARIO]
-- PAYLOAD_FILE holds one JSON request body per line (JSON lines: base64 + / = survive as is).
-- Thread k (0-based) of THREADS takes lines k, k+THREADS, k+2*THREADS..., so no code is sent twice.
-- If a thread runs out of payloads it stops and the run is reported as INVALID (exhausted>0).

local threads, created = {}, 0

function setup(thread)
  thread:set("id", created)
  created = created + 1
  table.insert(threads, thread)
end

local requests, count, nxt = {}, 0, 0
non2xx, exhausted, scenario = 0, 0, "login"

function init(args)
  local file, nthreads = args[1], tonumber(args[2])
  local path = args[3] or "/api/v1/login"
  scenario = args[4] or scenario
  assert(file and nthreads, "usage: -- PAYLOAD_FILE THREADS [PATH] [SCENARIO]")
  local headers = { ["Content-Type"] = "application/json" }
  local i = 0
  for line in io.lines(file) do
    if line ~= "" then
      if i % nthreads == id then
        count = count + 1
        requests[count] = wrk.format("POST", path, headers, line)
      end
      i = i + 1
    end
  end
  assert(count > 0, "thread " .. id .. " got no payloads from " .. file)
  spare = wrk.format("POST", path, headers, "{}")
end

function request()
  nxt = nxt + 1
  local r = requests[nxt]
  if r == nil then
    exhausted = exhausted + 1
    wrk.thread:stop()
    return spare
  end
  requests[nxt] = nil -- let the GC have it
  return r
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if non2xx <= 3 then io.stderr:write("non-2xx " .. status .. ": " .. string.sub(body or "", 1, 200) .. "\n") end
  end
end

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

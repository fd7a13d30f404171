-- wrk script: POST /api/v1/token/refresh, each refresh token exactly once, as a client does:
-- every answer's new refreshToken goes back in the thread's queue and is what a later request sends.
-- usage: wrk ... -s refresh.lua URL -- SEED_FILE THREADS [PATH] [SCENARIO]
-- SEED_FILE holds one refresh token per line; thread k takes lines k, k+THREADS, ... and needs at
-- least as many as it has connections. A failed refresh loses its chain; if a thread's queue runs
-- dry it stops and the run is reported as INVALID (exhausted>0).

local threads, created = {}, 0

function setup(thread)
  thread:set("id", created)
  created = created + 1
  table.insert(threads, thread)
end

local queue, head, tail = {}, 1, 0
local path, headers
non2xx, exhausted, scenario = 0, 0, "refresh"

local function push(token)
  tail = tail + 1
  queue[tail] = token
end

function init(args)
  local file, nthreads = args[1], tonumber(args[2])
  path = args[3] or "/api/v1/token/refresh"
  scenario = args[4] or scenario
  assert(file and nthreads, "usage: -- SEED_FILE THREADS [PATH] [SCENARIO]")
  headers = { ["Content-Type"] = "application/json" }
  local i = 0
  for line in io.lines(file) do
    if line ~= "" then
      if i % nthreads == id then push(line) end
      i = i + 1
    end
  end
  assert(tail > 0, "thread " .. id .. " got no refresh tokens from " .. file)
end

function request()
  if head > tail then
    exhausted = exhausted + 1
    wrk.thread:stop()
    return wrk.format("POST", path, headers, "{}")
  end
  local token = queue[head]
  queue[head] = nil
  head = head + 1
  return wrk.format("POST", path, headers, '{"refreshToken":"' .. token .. '"}')
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if non2xx <= 3 then io.stderr:write("non-2xx " .. status .. ": " .. string.sub(body or "", 1, 200) .. "\n") end
    return
  end
  local token = string.match(body or "", '"refreshToken"%s*:%s*"([^"]+)"')
  if token then push(token) else non2xx = non2xx + 1 end
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

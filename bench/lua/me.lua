-- wrk script: GET PATH with a bearer token, rotating over the tokens in a file (the /api/v1/me
-- scenario), or with no token at all when TOKEN_FILE is "-" (the baseline scenario).
-- usage: wrk ... -s me.lua URL -- TOKEN_FILE|- [PATH] [SCENARIO]
-- TOKEN_FILE holds one access token per line. Tokens are reused (reads are idempotent);
-- each thread starts at a different offset.

local threads, created = {}, 0

function setup(thread)
  thread:set("id", created)
  created = created + 1
  table.insert(threads, thread)
end

local requests, count, nxt = {}, 0, 0
non2xx, scenario = 0, "me"

function init(args)
  local file = args[1]
  local path = args[2] or "/api/v1/me"
  scenario = args[3] or scenario
  assert(file, "usage: -- TOKEN_FILE [PATH] [SCENARIO]")
  if file == "-" then
    count = 1
    requests[1] = wrk.format("GET", path)
  else
   for token in io.lines(file) do
    if token ~= "" then
      count = count + 1
      requests[count] = wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
    end
   end
  end
  assert(count > 0, "no tokens in " .. file)
  nxt = (id * 7919) % count
end

function request()
  nxt = nxt % count + 1
  return requests[nxt]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if non2xx <= 3 then io.stderr:write("non-2xx " .. status .. ": " .. string.sub(body or "", 1, 200) .. "\n") end
  end
end

function done(summary, latency, _)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("non2xx") end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT scenario=%s requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d exhausted=0\n",
    threads[1]:get("scenario"), summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    n, e.connect + e.read + e.write + e.timeout))
end

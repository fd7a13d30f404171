-- wrk script: POST pre-generated login payloads, each one exactly once.
-- usage: wrk ... -s login.lua URL -- PAYLOAD_FILE THREADS [PATH] [SCENARIO]
-- PAYLOAD_FILE holds one JSON request body per line (JSON lines: base64 + / = survive as is).
-- Thread k (0-based) of THREADS takes lines k, k+THREADS, k+2*THREADS..., so no code is sent twice.
-- If a thread runs out of payloads it stops and the run is reported as INVALID (exhausted>0).

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local requests, count, nxt = {}, 0, 0
scenario = "login"

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

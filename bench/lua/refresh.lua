-- wrk script: POST /api/v1/token/refresh, each refresh token exactly once, as a client does:
-- every answer's new refreshToken goes back in the thread's queue and is what a later request sends.
-- usage: wrk ... -s refresh.lua URL -- SEED_FILE THREADS [PATH] [SCENARIO]
-- SEED_FILE holds one refresh token per line; thread k takes lines k, k+THREADS, ... and needs at
-- least as many as it has connections. A failed refresh loses its chain; if a thread's queue runs
-- dry it stops and the run is reported as INVALID (exhausted>0).

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local queue, head, tail = {}, 1, 0
local path, headers
scenario = "refresh"

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
  if not counted(status, body) then return end
  local token = string.match(body or "", '"refreshToken"%s*:%s*"([^"]+)"')
  if token then push(token) else non2xx = non2xx + 1 end
end

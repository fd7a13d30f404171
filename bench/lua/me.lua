-- wrk script: GET PATH with a bearer token, rotating over the tokens in a file (the /api/v1/me
-- scenario), or with no token at all when TOKEN_FILE is "-" (the baseline scenario).
-- usage: wrk ... -s me.lua URL -- TOKEN_FILE|- [PATH] [SCENARIO]
-- TOKEN_FILE holds one access token per line. Tokens are reused (reads are idempotent);
-- each thread starts at a different offset.

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local requests, count, nxt = {}, 0, 0
scenario = "me"

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

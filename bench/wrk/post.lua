-- POST one JSON body a line to the path wrk is pointed at (eligibility, registrations).
-- Arguments: a file of bodies, a bearer token, and "each" to send every body once (each
-- registration a new couple; past the end they repeat, and are answered 409) or "random".
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local lines = require("lines")
setup = lines.setup
local bodies, headers, each, step, next_body

function init(args)
  bodies = lines.read(args[1])
  headers = {
    ["Authorization"] = "Bearer " .. args[2],
    ["Content-Type"] = "application/json",
  }
  each = args[3] == "each"
  -- Thread n sends bodies n, n + threads, n + 2 * threads, ...: no two send the same one.
  step = tonumber(args[4] or "1")
  next_body = thread_no + 1
  math.randomseed(os.time() + thread_no)
end

function request()
  local body
  if each then
    body = bodies[(next_body - 1) % #bodies + 1]
    next_body = next_body + step
  else
    body = bodies[math.random(#bodies)]
  end
  return wrk.format("POST", nil, headers, body)
end

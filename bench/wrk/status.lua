-- GET /api/v1/status?id_number=... for random persons of the store.
-- Arguments: a file of printed ID numbers, one a line, and a bearer token.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local lines = require("lines")
setup = lines.setup
local numbers, headers

function init(args)
  numbers = lines.read(args[1])
  headers = { ["Authorization"] = "Bearer " .. args[2] }
  math.randomseed(os.time() + thread_no)
end

function request()
  local number = numbers[math.random(#numbers)]
  return wrk.format("GET", "/api/v1/status?id_number=" .. number, headers)
end

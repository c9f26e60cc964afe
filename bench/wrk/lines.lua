-- Shared by the window scripts: the lines of a file wrk is given (`-- FILE TOKEN`), one request
-- each; every wrk thread starts at its own place, so threads do not send the same requests.
local M = {}

function M.read(path)
  local lines = {}
  for line in io.lines(path) do
    if #line > 0 then lines[#lines + 1] = line end
  end
  assert(#lines > 0, "no lines in " .. path)
  return lines
end

local threads = 0

function M.setup(thread)
  thread:set("thread_no", threads)
  threads = threads + 1
end

return M

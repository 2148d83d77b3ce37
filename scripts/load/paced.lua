-- GET the path given on the command line with the official's token, at a fixed total rate (RATE requests/s
-- over all threads and connections) instead of as fast as possible. Stock wrk has no rate option, so each
-- connection pauses between requests; once a second every thread compares what it sent with its share of
-- the rate and scales the pause, which absorbs the time the answers themselves take.
local token = os.getenv("TOKEN")
local rate = tonumber(os.getenv("RATE"))
local threads = tonumber(os.getenv("THREADS"))
local connections = tonumber(os.getenv("PACED_CONNECTIONS"))
local share = rate / threads
local pause = connections * 1000 / rate
local second = os.time()
local sent = 0

local encoding = os.getenv("ACCEPT_ENCODING") or "gzip"

-- PATHS (space-separated): each request takes the next of them instead of the command line's path.
local paths = {}
for path in string.gmatch(os.getenv("PATHS") or "", "%S+") do
  paths[#paths + 1] = path
end
local next_path = 0

request = function()
  local path = wrk.path
  if #paths > 0 then
    next_path = next_path % #paths + 1
    path = paths[next_path]
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token, ["Accept-Encoding"] = encoding })
end

-- SCRIPT: another script of this folder whose request() is sent at this pace instead (create-visit.lua: writes).
if os.getenv("SCRIPT") then
  dofile("scripts/load/" .. os.getenv("SCRIPT"))
end

delay = function()
  local now = os.time()
  if now ~= second then
    if sent > 0 then
      local factor = sent / (share * (now - second))
      pause = pause * math.max(0.5, math.min(2.0, factor))
    end
    second, sent = now, 0
  end
  sent = sent + 1
  return pause
end

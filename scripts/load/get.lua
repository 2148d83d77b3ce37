-- GET the path given on the command line with the official's token, asking for gzip as the apps do
-- (ACCEPT_ENCODING="identity" for uncompressed answers).
local token = os.getenv("TOKEN")
local encoding = os.getenv("ACCEPT_ENCODING") or "gzip"
request = function()
  return wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. token, ["Accept-Encoding"] = encoding })
end

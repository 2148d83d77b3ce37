-- GET the path given on the command line with the official's token.
local token = os.getenv("TOKEN")
request = function()
  return wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. token })
end

-- POST /api/v1/visits with a fresh id per request (the phone makes ids).
local enterprise = os.getenv("ENTERPRISE")
local token = os.getenv("TOKEN")
local today = os.getenv("TODAY")
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
local function uuid()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end
request = function()
  local body = '{"id":"' .. uuid() .. '","enterpriseId":"' .. enterprise .. '","kind":"REGULAR","plannedDate":"'
      .. today .. '","purpose":"压测"}'
  return wrk.format("POST", "/api/v1/visits", {
    ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

-- Each request lists the tasks of a random user from TOKENS_FILE (one JWT per line).
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do
  if #line > 0 then tokens[#tokens + 1] = line end
end
math.randomseed(os.time())
request = function()
  local token = tokens[math.random(#tokens)]
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
end

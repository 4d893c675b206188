-- Each request creates a task for one of the writers in TOKENS_FILE (one JWT per line), in turn:
-- the run stays far from the per-account task cap, and no single owner's lock is the bottleneck.
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do
  if #line > 0 then tokens[#tokens + 1] = line end
end
local next_token = 0
local body = '{"title":"Benchmark task","priority":"high","tags":["bench"]}'
request = function()
  next_token = next_token % #tokens + 1
  return wrk.format("POST", nil, {
    ["Authorization"] = "Bearer " .. tokens[next_token],
    ["Content-Type"] = "application/json",
  }, body)
end

-- Each request creates a task for one of the writers in TOKENS_FILE (one JWT per line), in turn:
-- the run stays far from the per-account task cap, and no single owner's lock is the bottleneck.
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do
  if #line > 0 then tokens[#tokens + 1] = line end
end
local next_token = 0
local body = '{"title":"Benchmark task","priority":"high","tags":["bench"]}'
-- With IDEMPOTENCY_KEY_PREFIX set, each request carries a key of its own (prefix .. counter): every
-- request is a first one, claimed, created and its answer stored, which is what a retrying client pays.
local key_prefix = os.getenv("IDEMPOTENCY_KEY_PREFIX")
local sent = 0
request = function()
  next_token = next_token % #tokens + 1
  local headers = {
    ["Authorization"] = "Bearer " .. tokens[next_token],
    ["Content-Type"] = "application/json",
  }
  if key_prefix then
    sent = sent + 1
    headers["Idempotency-Key"] = key_prefix .. sent
  end
  return wrk.format("POST", nil, headers, body)
end

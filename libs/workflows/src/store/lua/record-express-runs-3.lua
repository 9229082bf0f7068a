-- Records Express executions that ended in their account's recent buffer, for the console: each
-- run's summary at the head of the capped list of recent runs and its history under its ARN; the
-- oldest runs beyond the cap leave with their histories. The keys expire when no run has been
-- recorded for the time given (the buffer is a window on recent runs, not durable history; readers
-- also skip runs older than that).
-- KEYS[1]  the account's recent runs (list of summaries, JSON, newest first)
-- KEYS[2]  their execution ARNs, in the same order (list)
-- KEYS[3]  their histories (hash: execution ARN → JSON array of events, oldest first)
-- ARGV[1]  runs kept at most
-- ARGV[2]  seconds the buffer is kept after its last run
-- ARGV[3+3i..] per run, oldest first: execution ARN, summary (JSON), history (JSON array)
-- Returns  1
local cap = tonumber(ARGV[1])
for i = 3, #ARGV, 3 do
  local arn = ARGV[i]
  redis.call('LPUSH', KEYS[1], ARGV[i + 1])
  redis.call('HSET', KEYS[3], arn, ARGV[i + 2])
  if redis.call('LPUSH', KEYS[2], arn) > cap then
    redis.call('RPOP', KEYS[1])
    local oldest = redis.call('RPOP', KEYS[2])
    -- A run recorded twice (an asynchronous start run again) keeps its latest history.
    if oldest ~= arn then redis.call('HDEL', KEYS[3], oldest) end
  end
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
redis.call('EXPIRE', KEYS[3], ARGV[2])
return 1

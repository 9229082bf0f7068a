-- Takes names of expired executions out of their machine's execution index, each only while it is
-- still listed at the start it had when found expired (a name started again since has a new start
-- and stays).
-- KEYS[1]  the machine's execution index (sorted set: name by start time, ms)
-- ARGV     start, name pairs
-- Returns  how many names it took out
local forgotten = 0
for i = 1, #ARGV, 2 do
  local start, name = ARGV[i], ARGV[i + 1]
  if redis.call('ZSCORE', KEYS[1], name) == start then
    forgotten = forgotten + redis.call('ZREM', KEYS[1], name)
  end
end
return forgotten

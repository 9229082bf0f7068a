-- Redrives a Distributed Map run that did not succeed, as its parent is redriven: the items whose
-- children did not succeed are queued to be redriven (the outcomes of those that did are kept),
-- items never started are still to start, and the run runs again under its ARN. A run whose every
-- item succeeded answers its parent again at once.
-- KEYS[1]  meta hash of the run
-- KEYS[2]  results hash of the run
-- KEYS[3]  redrive list of the run (item indexes)
-- KEYS[4]  items list of the run
-- KEYS[5]  executions sorted set of the run
-- ARGV[1]  the parent's wait the run answers (JSON: thread, wait)
-- ARGV[2]  now, ms
-- Returns  {1, items to redrive} redriven now; {2, 0} it runs already (redriven before: the parent's
--          wait is updated); {0, running} children of its last attempt are still ending: try later;
--          E.NOT_FOUND no such run
local m = redis.call('HMGET', KEYS[1], 'status', 'running', 'launched', 'total')
if not m[1] then return E.NOT_FOUND end
if m[1] == 'RUNNING' then
  redis.call('HSET', KEYS[1], 'parent', ARGV[1])
  return {2, 0}
end
local running = tonumber(m[2])
if running > 0 then return {0, running} end
local results = redis.call('HGETALL', KEYS[2])
local again = {}
for i = 1, #results, 2 do
  -- The service writes every outcome as JSON with its status first.
  if string.sub(results[i + 1], 1, 21) ~= '{"status":"SUCCEEDED"' then again[#again + 1] = tonumber(results[i]) end
end
table.sort(again)
redis.call('DEL', KEYS[3])
-- Lua's stack takes a few thousand values at a time: the indexes go in chunks.
for i = 1, #again, 1000 do
  local chunk = { unpack(again, i, math.min(i + 999, #again)) }
  redis.call('HDEL', KEYS[2], unpack(chunk))
  redis.call('RPUSH', KEYS[3], unpack(chunk))
end
local status = 'RUNNING'
if #again == 0 and tonumber(m[3]) >= tonumber(m[4]) then status = 'SUCCEEDED' end
redis.call('HSET', KEYS[1], 'status', status, 'failed', 0, 'timedOut', 0, 'aborted', 0,
  'redriveTotal', #again, 'redriveTaken', 0, 'redriveDone', 0, 'notRedrivable', 0,
  'redriveDate', ARGV[2], 'parent', ARGV[1])
redis.call('HINCRBY', KEYS[1], 'redriveCount', 1)
redis.call('HDEL', KEYS[1], 'answered')
if status == 'RUNNING' then redis.call('HDEL', KEYS[1], 'stopped') end
for i = 1, 5 do redis.call('PERSIST', KEYS[i]) end
return {1, #again}

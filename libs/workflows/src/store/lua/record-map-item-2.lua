-- Records the end of one item's child execution in its Distributed Map run, once (for each redrive
-- of the run), and stops the run from starting more once its failures exceed what it tolerates.
-- KEYS[1]  meta hash of the run
-- KEYS[2]  results hash of the run
-- ARGV[1]  the item's index
-- ARGV[2]  its outcome (JSON, as the Map state's join takes it)
-- ARGV[3]  its child's status: SUCCEEDED, FAILED, TIMED_OUT or ABORTED
-- ARGV[4]  now, ms
-- Returns  {recorded now (1/0), every child has ended (1/0), more items should start now (1/0),
--          this end failed the run (1/0)}; E.NOT_FOUND no such run. More should start when the
--          running children fall to a tenth of MaxConcurrency below it (once, at that count), so
--          children are started in batches.
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return {0, 0, 0, 0} end
local counter = ({ SUCCEEDED = 'succeeded', FAILED = 'failed', TIMED_OUT = 'timedOut', ABORTED = 'aborted' })[ARGV[3]]
redis.call('HINCRBY', KEYS[1], counter, 1)
local running = redis.call('HINCRBY', KEYS[1], 'running', -1)
local m = redis.call('HMGET', KEYS[1], 'status', 'total', 'launched', 'failed', 'timedOut', 'aborted',
  'toleratedFailureCount', 'toleratedFailurePercentage', 'maxConcurrency', 'redriveTotal', 'redriveTaken')
local total, launched = tonumber(m[2]), tonumber(m[3])
local failures = tonumber(m[4] or 0) + tonumber(m[5] or 0) + tonumber(m[6] or 0)
local count, pct = m[7], m[8]
local exceeded
if count == '' and pct == '' then
  exceeded = failures > 0
else
  exceeded = (count ~= '' and failures > tonumber(count)) or (pct ~= '' and failures * 100 > tonumber(pct) * total)
end
local status = m[1]
local failed_now = 0
if status == 'RUNNING' and exceeded then
  status = 'FAILED'
  failed_now = 1
  redis.call('HSET', KEYS[1], 'status', status)
end
local ended = redis.call('HLEN', KEYS[2])
local done = ended == total or (status ~= 'RUNNING' and running <= 0)
if done and status == 'RUNNING' then
  status = 'SUCCEEDED'
  redis.call('HSET', KEYS[1], 'status', status)
end
if done and redis.call('HEXISTS', KEYS[1], 'stopped') == 0 then redis.call('HSET', KEYS[1], 'stopped', ARGV[4]) end
local cap = tonumber(m[9])
local refill = cap > 0 and running == cap - math.ceil(cap / 10)
-- Items never started, or (a redriven run's) children not yet redriven.
local waiting = launched < total or tonumber(m[10] or 0) > tonumber(m[11] or 0)
return {1, done and 1 or 0, (status == 'RUNNING' and waiting and refill) and 1 or 0, failed_now}

-- Takes the next items of a redriven Distributed Map run whose children are to be redriven, as many
-- as its MaxConcurrency leaves room for (0: no limit) and at most ARGV[1]; none once it has stopped.
-- The caller redrives their children; `redriveTaken` counts the items taken, `redriveDone`
-- (markRedriven) those whose children are known redriven, so a host that crashed is made good.
-- KEYS[1]  meta hash of the run
-- KEYS[2]  redrive list of the run
-- ARGV[1]  the most items to take
-- Returns  {redriveDone, first position taken in the list, item index…}; E.NOT_FOUND no such run
local m = redis.call('HMGET', KEYS[1], 'status', 'total', 'running', 'maxConcurrency',
  'redriveTotal', 'redriveTaken', 'redriveDone')
if not m[1] then return E.NOT_FOUND end
local running = tonumber(m[3])
local redriveTotal, taken, done = tonumber(m[5] or 0), tonumber(m[6] or 0), tonumber(m[7] or 0)
local cap = tonumber(m[4])
if cap <= 0 then cap = tonumber(m[2]) end
local n = math.min(cap - running, redriveTotal - taken, tonumber(ARGV[1]))
if m[1] ~= 'RUNNING' or n <= 0 then return {done, taken} end
local indexes = redis.call('LRANGE', KEYS[2], taken, taken + n - 1)
redis.call('HSET', KEYS[1], 'redriveTaken', taken + n, 'running', running + n)
return {done, taken, unpack(indexes)}

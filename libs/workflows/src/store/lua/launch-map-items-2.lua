-- Takes the next items of a Distributed Map run to start as child executions, as many as its
-- MaxConcurrency leaves room for (0: no limit) and at most ARGV[1]; none once the run has stopped.
-- The caller starts their children; `launched` counts the items taken, `created` (markCreated)
-- those whose children are known to exist, so children taken by a host that crashed are started again.
-- KEYS[1]  meta hash of the run
-- KEYS[2]  items list of the run
-- ARGV[1]  the most items to take
-- Returns  {created, first index taken, input…}; E.NOT_FOUND no such run
local m = redis.call('HMGET', KEYS[1], 'status', 'total', 'launched', 'running', 'maxConcurrency', 'created')
if not m[1] then return E.NOT_FOUND end
local total, launched, running = tonumber(m[2]), tonumber(m[3]), tonumber(m[4])
local created = tonumber(m[6])
local cap = tonumber(m[5])
if cap <= 0 then cap = total end
local n = math.min(cap - running, total - launched, tonumber(ARGV[1]))
if m[1] ~= 'RUNNING' or n <= 0 then return {created, launched} end
local items = redis.call('LRANGE', KEYS[2], launched, launched + n - 1)
redis.call('HSET', KEYS[1], 'launched', launched + n, 'running', running + n)
return {created, launched, unpack(items)}

-- Stores a Distributed Map run: its settings and the input of every item, once (a run stored
-- already is left as it is, so a host that crashed may store it again).
-- KEYS[1]  meta hash of the run
-- KEYS[2]  items list of the run
-- ARGV[1]  n: how many field, value pairs follow (the run's meta)
-- ARGV[2..1+2n]  those pairs
-- ARGV[2+2n..]   the items' inputs (JSON), by index
-- Returns  1 stored now; 0 stored before
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local n = tonumber(ARGV[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 2, 1 + 2 * n))
local first = 2 + 2 * n
-- Lua's stack takes a few thousand values at a time: the items go in chunks.
for i = first, #ARGV, 1000 do
  redis.call('RPUSH', KEYS[2], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
return 1

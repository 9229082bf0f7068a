-- Moves the workflow timers that are due onto the work stream, each once, whichever executor asks.
-- KEYS[1]  timers sorted set (member: a work item, score: due time in ms)
-- KEYS[2]  work stream
-- ARGV[1]  now (ms)
-- ARGV[2]  the most timers to move
-- Returns  how many moved
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, item in ipairs(due) do
  redis.call('XADD', KEYS[2], '*', 'w', item)
end
if #due > 0 then redis.call('ZREM', KEYS[1], unpack(due)) end
return #due

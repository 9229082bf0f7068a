-- Reads a queue's stored attributes and its message counters, without scanning messages.
-- KEYS     the queue's nineteen keys (lib/queue-keys.lua)
-- ARGV[1]  queue mode: 'F' or 'S' followed by the per-group key prefix (lib/queue-keys.lua)
-- ARGV[2]  now (ms)
-- Returns  {E.NOT_FOUND} no such queue, or {visible, notVisible, delayed, name1, value1, ...}
-- @include queue-keys
local now = tonumber(ARGV[2])
local meta = redis.call('HGETALL', META)
if #meta == 0 then return {E.NOT_FOUND} end
local out = {
  redis.call('ZCOUNT', VIS, '-inf', now) + redis.call('LLEN', READY)
    + tonumber(redis.call('HGET', META, '_fairQueued') or '0')
    - redis.call('ZCOUNT', LANE_DELAYED, '(' .. now, '+inf'),
  redis.call('ZCOUNT', INFLIGHT, '(' .. now, '+inf'),
  redis.call('ZCOUNT', DELAYED, '(' .. now, '+inf'),
}
for i = 1, #meta do out[#out + 1] = meta[i] end
return out

-- Removes messages older than the queue's MessageRetentionPeriod (the retention sweep).
-- KEYS     the queue's nineteen keys (lib/queue-keys.lua)
-- ARGV[1]  queue mode: 'F' or 'S' followed by the per-group key prefix (lib/queue-keys.lua)
-- ARGV[2]  now (ms)
-- ARGV[3]  at most this many messages per call
-- Returns  number removed (a full batch means more may remain), E.NOT_FOUND no such queue
-- @include queue-keys
local retention = redis.call('HGET', META, 'MessageRetentionPeriod')
if not retention then return E.NOT_FOUND end
local cutoff = tonumber(ARGV[2]) - tonumber(retention) * 1000
local limit = tonumber(ARGV[3])
local ids = redis.call('ZRANGEBYSCORE', SENT, '-inf', '(' .. cutoff, 'LIMIT', 0, limit)
remove_messages(ids)
-- Messages never received wait in READY in send order: the expired ones are at its head. Those whose
-- entries do not carry their messages have them in BODIES.
local expired, in_bodies = 0, {}
if #ids < limit then
  for _, entry in ipairs(redis.call('LRANGE', READY, 0, limit - #ids - 1)) do
    local sent, id, message = split_ready(entry)
    if tonumber(sent) >= cutoff then break end
    expired = expired + 1
    if not message then in_bodies[#in_bodies + 1] = id end
  end
end
if expired > 0 then redis.call('LTRIM', READY, expired, -1) end
if #in_bodies > 0 then redis.call('HDEL', BODIES, unpack(in_bodies)) end
return #ids + expired

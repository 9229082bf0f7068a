-- Deletes every message of a queue, at most once per 60 seconds.
-- KEYS     the queue's ten keys (lib/queue-keys.lua)
-- ARGV[1]  now (ms)
-- Returns  1 purged, -1 QueueDoesNotExist, -2 PurgeQueueInProgress
-- @include queue-keys
if redis.call('EXISTS', META) == 0 then return -1 end
local now = tonumber(ARGV[1])
local last = tonumber(redis.call('HGET', META, '_purgedAt') or '0')
if now - last < 60000 then return -2 end
redis.call('UNLINK', BODIES, RC, FIRST, VIS, INFLIGHT, DELAYED, SENT, DLQ_OUT)
redis.call('HSET', META, '_purgedAt', now)
return 1

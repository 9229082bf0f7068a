-- Deletes every message of a queue, at most once per 60 seconds.
-- KEYS     the queue's nineteen keys (lib/queue-keys.lua)
-- ARGV[1]  queue mode: 'F' or 'S' followed by the per-group key prefix (lib/queue-keys.lua)
-- ARGV[2]  now (ms)
-- Returns  1 purged, E.NOT_FOUND no such queue, E.TOO_SOON purged less than 60 s ago
-- @include queue-keys
if redis.call('EXISTS', META) == 0 then return E.NOT_FOUND end
local now = tonumber(ARGV[2])
local last = tonumber(redis.call('HGET', META, '_purgedAt') or '0')
if now - last < 60000 then return E.TOO_SOON end
local lists = group_keys()
if #lists > 0 then redis.call('UNLINK', unpack(lists)) end
redis.call('UNLINK', BODIES, RC, FIRST, VIS, INFLIGHT, DELAYED, SENT, READY, DLQ_OUT, GROUP_READY, GROUP_DUE, LANE_DELAYED, GROUP_INFLIGHT, MESSAGE_GROUP, GROUPS)
redis.call('HSET', META, '_purgedAt', now)
redis.call('HDEL', META, '_fairQueued')
return 1

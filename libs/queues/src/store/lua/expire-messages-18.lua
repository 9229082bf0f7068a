-- Removes messages older than the queue's MessageRetentionPeriod (the retention sweep).
-- KEYS     the queue's eighteen keys (lib/queue-keys.lua)
-- ARGV[1]  queue mode: 'F' or 'S' followed by the per-group key prefix (lib/queue-keys.lua)
-- ARGV[2]  now (ms)
-- ARGV[3]  at most this many messages per call
-- Returns  number removed (a full batch means more may remain), E.NOT_FOUND no such queue
-- @include queue-keys
local retention = redis.call('HGET', META, 'MessageRetentionPeriod')
if not retention then return E.NOT_FOUND end
local cutoff = tonumber(ARGV[2]) - tonumber(retention) * 1000
local ids = redis.call('ZRANGEBYSCORE', SENT, '-inf', '(' .. cutoff, 'LIMIT', 0, tonumber(ARGV[3]))
remove_messages(ids)
return #ids

-- Deletes a queue and everything in it.
-- KEYS[1..19] the queue's keys (lib/queue-keys.lua), KEYS[20] tags, KEYS[21] move tasks,
-- KEYS[22] the deleted-recently marker
-- ARGV[1]  queue mode: 'F' or 'S' followed by the per-group key prefix (lib/queue-keys.lua)
-- ARGV[2]  how long (ms) CreateQueue of this name is refused afterwards; 0 for not at all
-- Returns  1 deleted, E.NOT_FOUND no such queue
-- @include queue-keys
if redis.call('EXISTS', META) == 0 then return E.NOT_FOUND end
local lists = group_keys()
if #lists > 0 then redis.call('UNLINK', unpack(lists)) end
redis.call('UNLINK', unpack(KEYS, 1, 21))
if tonumber(ARGV[2]) > 0 then redis.call('SET', KEYS[22], '1', 'PX', ARGV[2]) end
return 1

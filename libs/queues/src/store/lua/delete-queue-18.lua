-- Deletes a queue and everything in it.
-- KEYS[1..16] the queue's keys (lib/queue-keys.lua), KEYS[17] tags, KEYS[18] move tasks
-- ARGV[1]  FIFO group-list key prefix, '' for a standard queue
-- Returns  1 deleted, -1 QueueDoesNotExist
-- @include queue-keys
if redis.call('EXISTS', META) == 0 then return -1 end
local lists = group_list_keys(ARGV[1])
if #lists > 0 then redis.call('UNLINK', unpack(lists)) end
redis.call('UNLINK', unpack(KEYS))
return 1

-- Deletes a queue and everything in it.
-- KEYS[1..10] the queue's message keys (lib/queue-keys.lua order), KEYS[11] tags, KEYS[12] move tasks
-- Returns  1 deleted, -1 QueueDoesNotExist
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
redis.call('UNLINK', unpack(KEYS))
return 1

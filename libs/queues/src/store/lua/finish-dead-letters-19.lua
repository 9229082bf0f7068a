-- Forgets messages the dead-letter queue has accepted: the second half of a redrive move.
-- KEYS     the queue's nineteen keys (lib/queue-keys.lua)
-- ARGV[1]  queue mode: 'F' or 'S' followed by the per-group key prefix (lib/queue-keys.lua)
-- ARGV[2..] ids now stored in the dead-letter queue
-- Returns  number of ids removed from the outbox
-- @include queue-keys
local ids = {}
local removed = 0
for i = 2, #ARGV do
  ids[#ids + 1] = ARGV[i]
  removed = removed + redis.call('LREM', DLQ_OUT, 1, ARGV[i])
end
remove_messages(ids)
return removed

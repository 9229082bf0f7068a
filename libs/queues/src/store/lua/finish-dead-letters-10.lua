-- Forgets messages the dead-letter queue has accepted: the second half of a redrive move.
-- KEYS     the queue's ten keys (lib/queue-keys.lua)
-- ARGV     ids now stored in the dead-letter queue
-- Returns  number of ids removed from the outbox
-- @include queue-keys
local removed = 0
for i = 1, #ARGV do
  removed = removed + redis.call('LREM', DLQ_OUT, 1, ARGV[i])
end
remove_messages(ARGV)
return removed

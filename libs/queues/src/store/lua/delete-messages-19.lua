-- Deletes messages by receipt: only the latest receive of a message may delete it.
-- KEYS     the queue's nineteen keys (lib/queue-keys.lua)
-- ARGV[1]  queue mode: 'F' or 'S' followed by the per-group key prefix (lib/queue-keys.lua)
-- ARGV[2]  pub/sub channel that wakes long-polling receivers (a FIFO delete may release a group)
-- ARGV[3..] id, receive count pairs (from receipt handles)
-- Returns  {E.NOT_FOUND} no such queue, or {1, status1, status2, ...}, one status per pair: 1 deleted, 0 already gone,
--          E.STALE stale receipt (the message was received again since; it stays)
-- @include queue-keys
local meta = redis.call('HMGET', META, 'VisibilityTimeout', '_fair')
if not meta[1] then return {E.NOT_FOUND} end
local out, doomed, ids = {1}, {}, {}
for i = 3, #ARGV, 2 do ids[#ids + 1] = ARGV[i] end
-- Every receive count in one call rather than one a receipt: each command a script calls has its own
-- dispatch and argument conversion.
local counts = #ids > 0 and redis.call('HMGET', RC, unpack(ids)) or {}
for i = 3, #ARGV, 2 do
  local id = ARGV[i]
  local count = counts[(i - 1) / 2]
  if not count then
    out[#out + 1] = redis.call('HEXISTS', BODIES, id) == 1 and E.STALE or 0
  elseif count == ARGV[i + 1] then
    doomed[#doomed + 1] = id
    out[#out + 1] = 1
  else
    out[#out + 1] = E.STALE
  end
end
remove_messages(doomed, not FIFO and not meta[2])
if FIFO and #doomed > 0 and redis.call('EXISTS', WAITERS) == 1 then redis.call('PUBLISH', ARGV[2], '1') end
return out

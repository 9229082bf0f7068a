-- Undoes receives whose answer never reached the client (it hung up between the receive step and
-- the writing of the answer), as if they had not happened: the message is receivable again at once,
-- its receive count goes back (so it does not count towards maxReceiveCount), its first-receive time
-- is forgotten when this was its first receive, and its FIFO group or fair-queue lane takes it back
-- (in-flight counts and group readiness included). A message received again since (its count moved
-- on), deleted or purged is left alone.
-- KEYS     the queue's nineteen keys (lib/queue-keys.lua)
-- ARGV[1]  queue mode: 'F' or 'S' followed by the per-group key prefix (lib/queue-keys.lua)
-- ARGV[2]  now (ms)
-- ARGV[3]  pub/sub channel that wakes long-polling receivers (the messages are receivable again)
-- ARGV[4]  key remembering the receive's ReceiveRequestAttemptId (FIFO), '' when none: forgotten, so
--          a retry with that id receives afresh instead of being handed receipts that were undone
-- ARGV[5..] id, receive count pairs: the receives to undo
-- Returns  {E.NOT_FOUND} no such queue, or {1, status1, status2, ...}, one status per pair: 1 undone,
--          E.STALE not this receive any more (received again since, deleted or purged; left alone)
-- @include queue-keys
if redis.call('EXISTS', META) == 0 then return {E.NOT_FOUND} end
local now = tonumber(ARGV[2])
if ARGV[4] ~= '' then redis.call('DEL', ARGV[4]) end
local out, undone = {1}, 0
for i = 5, #ARGV, 2 do
  local id, count = ARGV[i], ARGV[i + 1]
  if redis.call('HGET', RC, id) ~= count then
    out[#out + 1] = E.STALE
  else
    -- Fair-queue messages wait in their lanes, not in VIS; every other message is in VIS, hidden
    -- until its visibility deadline (LT: one whose timeout already ended keeps its earlier time).
    if FIFO or redis.call('HEXISTS', MESSAGE_GROUP, id) == 0 then redis.call('ZADD', VIS, 'LT', now, id) end
    leave_inflight(id, now)
    if count == '1' then
      redis.call('HDEL', RC, id)
      redis.call('HDEL', FIRST, id)
    else
      redis.call('HINCRBY', RC, id, -1)
    end
    undone = undone + 1
    out[#out + 1] = 1
  end
end
if undone > 0 and redis.call('EXISTS', WAITERS) == 1 then redis.call('PUBLISH', ARGV[3], undone) end
return out

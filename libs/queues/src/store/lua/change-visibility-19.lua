-- Changes the visibility timeout of received messages, counted from now; 0 makes one receivable
-- at once (and, in a FIFO queue, may unblock its group).
-- KEYS     the queue's nineteen keys (lib/queue-keys.lua)
-- ARGV[1]  queue mode: 'F' or 'S' followed by the per-group key prefix (lib/queue-keys.lua)
-- ARGV[2]  now (ms)
-- ARGV[3]  pub/sub channel that wakes long-polling receivers (a timeout of 0 makes a message receivable)
-- ARGV[4..] id, receive count, timeout (s) triples
-- Returns  {E.NOT_FOUND} no such queue, or {1, status1, status2, ...}, one status per triple: 1 changed,
--          E.STALE no such receive (deleted, or received again since), E.WRONG_STATE not in flight
-- @include queue-keys
if redis.call('EXISTS', META) == 0 then return {E.NOT_FOUND} end
local now = tonumber(ARGV[2])
expire_inflight(now)
local out = {1}
local released = false
for i = 4, #ARGV, 3 do
  local id = ARGV[i]
  if redis.call('HGET', RC, id) ~= ARGV[i + 1] then
    out[#out + 1] = E.STALE
  elseif not redis.call('ZSCORE', INFLIGHT, id) then
    out[#out + 1] = E.WRONG_STATE
  else
    local deadline = now + tonumber(ARGV[i + 2]) * 1000
    -- Fair-queue messages are tracked in their lanes, not in VIS.
    local in_vis = FIFO or redis.call('HEXISTS', MESSAGE_GROUP, id) == 0
    if in_vis then redis.call('ZADD', VIS, deadline, id) end
    if deadline > now then
      redis.call('ZADD', INFLIGHT, deadline, id)
    else
      leave_inflight(id, now)
      released = true
    end
    out[#out + 1] = 1
  end
end
if released and redis.call('EXISTS', WAITERS) == 1 then redis.call('PUBLISH', ARGV[3], '1') end
return out

-- Changes the visibility timeout of received messages, counted from now.
-- KEYS     the queue's ten keys (lib/queue-keys.lua)
-- ARGV[1]  now (ms)
-- ARGV[2..] id, receive count, timeout (s) triples
-- Returns  {-1} QueueDoesNotExist, or one status per triple: 1 changed,
--          -2 no such receive (deleted, or received again since), -3 MessageNotInflight
-- @include queue-keys
if redis.call('EXISTS', META) == 0 then return {-1} end
local now = tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV, 3 do
  local id = ARGV[i]
  local count = redis.call('HGET', RC, id)
  if count ~= ARGV[i + 1] then
    out[#out + 1] = -2
  else
    local hidden_until = tonumber(redis.call('ZSCORE', INFLIGHT, id))
    if not hidden_until or hidden_until <= now then
      out[#out + 1] = -3
    else
      local deadline = now + tonumber(ARGV[i + 2]) * 1000
      redis.call('ZADD', VIS, deadline, id)
      if deadline > now then
        redis.call('ZADD', INFLIGHT, deadline, id)
      else
        redis.call('ZREM', INFLIGHT, id)
      end
      out[#out + 1] = 1
    end
  end
end
return out

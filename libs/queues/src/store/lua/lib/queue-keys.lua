-- Shared by every message script: the ten keys of one queue, always passed in this order
-- (see QueueStore.keyList), and the helper that forgets messages everywhere.
local META, BODIES, RC, FIRST, VIS, INFLIGHT, DELAYED, SENT, DLQ_OUT, WAITERS =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10]

local function remove_messages(ids)
  if #ids == 0 then return end
  redis.call('HDEL', BODIES, unpack(ids))
  redis.call('HDEL', RC, unpack(ids))
  redis.call('HDEL', FIRST, unpack(ids))
  redis.call('ZREM', VIS, unpack(ids))
  redis.call('ZREM', INFLIGHT, unpack(ids))
  redis.call('ZREM', DELAYED, unpack(ids))
  redis.call('ZREM', SENT, unpack(ids))
end

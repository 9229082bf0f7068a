-- Enqueues up to N messages atomically.
-- KEYS     the queue's ten keys (lib/queue-keys.lua)
-- ARGV[1]  now (ms)
-- ARGV[2]  pub/sub channel that wakes long-polling receivers
-- ARGV[3+5i..] per message: id, delay seconds ('' = queue's DelaySeconds), size in bytes,
--          sent time (ms; '' = now), encoded message
-- Returns  {-1} QueueDoesNotExist, or {1, maxSize, s1, s2, ...} with one status per message:
--          1 stored, 0 skipped (id already stored: an idempotent re-send), -2 larger than MaximumMessageSize
-- @include queue-keys
local now = tonumber(ARGV[1])
local meta = redis.call('HMGET', META, 'DelaySeconds', 'MaximumMessageSize')
if not meta[2] then return {-1} end
local queue_delay = tonumber(meta[1] or '0')
local max_size = tonumber(meta[2])
local out = {1, max_size}
local bodies, vis, delayed, sent = {}, {}, {}, {}
for i = 3, #ARGV, 5 do
  local id, size = ARGV[i], tonumber(ARGV[i + 2])
  if size > max_size then
    out[#out + 1] = -2
  elseif redis.call('HEXISTS', BODIES, id) == 1 then
    out[#out + 1] = 0
  else
    local delay = ARGV[i + 1] == '' and queue_delay or tonumber(ARGV[i + 1])
    local visible_at = now + delay * 1000
    bodies[#bodies + 1] = id
    bodies[#bodies + 1] = ARGV[i + 4]
    vis[#vis + 1] = visible_at
    vis[#vis + 1] = id
    if delay > 0 then
      delayed[#delayed + 1] = visible_at
      delayed[#delayed + 1] = id
    end
    sent[#sent + 1] = ARGV[i + 3] == '' and now or tonumber(ARGV[i + 3])
    sent[#sent + 1] = id
    out[#out + 1] = 1
  end
end
if #bodies > 0 then
  redis.call('HSET', BODIES, unpack(bodies))
  redis.call('ZADD', VIS, unpack(vis))
  redis.call('ZADD', SENT, unpack(sent))
  if #delayed > 0 then redis.call('ZADD', DELAYED, unpack(delayed)) end
  if redis.call('EXISTS', WAITERS) == 1 then redis.call('PUBLISH', ARGV[2], '1') end
end
return out

-- Enqueues up to N messages atomically; for FIFO queues also de-duplicates, numbers and groups them.
-- KEYS     the queue's nineteen keys (lib/queue-keys.lua)
-- ARGV[1]  queue mode: 'F' or 'S' followed by the per-group key prefix (lib/queue-keys.lua)
-- ARGV[2]  now (ms)
-- ARGV[3]  pub/sub channel that wakes long-polling receivers; the message is how many messages were stored
-- ARGV[4]  'send' for client sends; 'move' for redrives and move tasks (no de-duplication)
-- ARGV[5]  fields per message that follow: 8, or 3 for client sends to a standard queue whose
--          messages all have their other fields at the defaults (the common case: fewer arguments)
-- ARGV[6..] per message, with 8 fields: id, delay seconds ('' = queue's DelaySeconds), size in bytes,
--          sent time (ms; '' = now), message group ('' = none), MessageDeduplicationId ('' = none),
--          SHA-256 of the body (for ContentBasedDeduplication), encoded message (a JSON object; FIFO
--          queues append its sequence number); with 3 fields: id, size, encoded message
-- Returns  {E.NOT_FOUND} no such queue; with 8 fields, {1, maxSize, status1, id1, seq1, status2, ...}, a
--          triple per message: status 1 stored (id ''), 0 duplicate (id and seq are the original's; a moved
--          id already stored also counts as one), E.TOO_LARGE larger than MaximumMessageSize, E.MISSING a
--          FIFO message with neither a MessageDeduplicationId nor ContentBasedDeduplication; with 3 fields
--          (where only E.TOO_LARGE can refuse one), {1, maxSize, n1, n2, ...}: the positions (from 1) of
--          the messages too large, every other message stored
-- @include queue-keys
-- Times stay the strings they came as where they can: formatting a Lua number costs more than the ZADD.
local now_arg = ARGV[2]
local now = tonumber(now_arg)
local meta = redis.call('HMGET', META, 'DelaySeconds', 'MaximumMessageSize', 'ContentBasedDeduplication', 'DeduplicationScope')
if not meta[2] then return {E.NOT_FOUND} end
local queue_delay = tonumber(meta[1] or '0')
local max_size = tonumber(meta[2])
local fifo = FIFO
local moving = ARGV[4] == 'move'
local deduplicate = fifo and not moving
local content_based = meta[3] == 'true'
local per_group = meta[4] == 'messageGroup'
if fifo then
  local stale = redis.call('ZRANGEBYSCORE', DEDUP_EXPIRY, '-inf', now, 'LIMIT', 0, 100)
  if #stale > 0 then
    redis.call('HDEL', DEDUP, unpack(stale))
    redis.call('ZREM', DEDUP_EXPIRY, unpack(stale))
  end
end
local out = {1, max_size}
local bodies, vis, delayed, lane_delayed, sent, touched = {}, {}, {}, {}, {}, {}
local fair = false
local ready = {}
-- Messages given as 3 fields (a client send to a standard queue): no group, no de-duplication, the
-- queue's delay, sent now. The hot path of a topic's fan-out, so it has a loop of its own, filling its
-- lists through counters; without a queue delay they go to READY with their messages, the cheapest
-- place to keep them (lib/queue-keys.lua). The general loop below takes every other case.
if ARGV[5] == '3' then
  local to_ready = queue_delay == 0
  local ready_prefix = now_arg .. ':'
  local visible_at = tostring(now + queue_delay * 1000)
  local n_bodies, n_vis, n_ready, n_out = 0, 0, 0, #out
  for i = 6, #ARGV, 3 do
    local id = ARGV[i]
    if tonumber(ARGV[i + 1]) > max_size then
      n_out = n_out + 1
      out[n_out] = (i - 3) / 3
    elseif to_ready then
      n_ready = n_ready + 1
      ready[n_ready] = ready_prefix .. id .. ':' .. ARGV[i + 2]
    else
      bodies[n_bodies + 1] = id
      bodies[n_bodies + 2] = ARGV[i + 2]
      n_bodies = n_bodies + 2
      vis[n_vis + 1] = visible_at
      vis[n_vis + 2] = id
      n_vis = n_vis + 2
    end
  end
  if not to_ready then
    delayed = vis
    for j = 2, n_vis, 2 do
      sent[j - 1] = now_arg
      sent[j] = vis[j]
    end
  end
else
  for i = 6, #ARGV, 8 do
    local id, delay_arg, size, sent_arg = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), ARGV[i + 3]
    local group, dedup_id, content_hash, encoded = ARGV[i + 4], ARGV[i + 5], ARGV[i + 6], ARGV[i + 7]
    if dedup_id == '' and content_based then dedup_id = content_hash end
    local dedup_key = ''
    if deduplicate and dedup_id ~= '' then
      dedup_key = per_group and (group .. '\n' .. dedup_id) or dedup_id
    end
    local original = dedup_key ~= '' and redis.call('HGET', DEDUP, dedup_key)
    if deduplicate and dedup_id == '' then
      out[#out + 1] = E.MISSING; out[#out + 1] = id; out[#out + 1] = ''
    elseif size > max_size then
      out[#out + 1] = E.TOO_LARGE; out[#out + 1] = id; out[#out + 1] = ''
    elseif original then
      local sep = string.find(original, '\n', 1, true)
      out[#out + 1] = 0; out[#out + 1] = string.sub(original, 1, sep - 1); out[#out + 1] = string.sub(original, sep + 1)
    elseif moving and redis.call('HEXISTS', BODIES, id) == 1 then
      out[#out + 1] = 0; out[#out + 1] = id; out[#out + 1] = ''
    else
      local delay = delay_arg == '' and queue_delay or tonumber(delay_arg)
      local visible_at = delay == 0 and now_arg or now + delay * 1000
      local seq = ''
      if fifo then
        seq = tostring(redis.call('HINCRBY', META, '_seq', 1))
        encoded = string.sub(encoded, 1, -2) .. ',"sequence":' .. seq .. '}'
        if dedup_key ~= '' then
          redis.call('HSET', DEDUP, dedup_key, id .. '\n' .. seq)
          redis.call('ZADD', DEDUP_EXPIRY, now + 300000, dedup_key)
        end
        redis.call('RPUSH', group_key(group), id)
        redis.call('HSET', MESSAGE_GROUP, id, group)
        redis.call('SADD', GROUPS, group)
        touched[group] = true
      end
      bodies[#bodies + 1] = id; bodies[#bodies + 1] = encoded
      if not fifo and group ~= '' then
        -- A fair queue: the message waits in its group's lane, not in VIS.
        enter_lane(id, group, visible_at)
        if delay > 0 then lane_delayed[#lane_delayed + 1] = visible_at; lane_delayed[#lane_delayed + 1] = id end
        redis.call('HSET', MESSAGE_GROUP, id, group)
        touched[group] = true
        fair = true
      else
        vis[#vis + 1] = visible_at; vis[#vis + 1] = id
      end
      sent[#sent + 1] = sent_arg == '' and now_arg or sent_arg; sent[#sent + 1] = id
      if delay > 0 then delayed[#delayed + 1] = visible_at; delayed[#delayed + 1] = id end
      out[#out + 1] = 1; out[#out + 1] = ''; out[#out + 1] = seq
    end
  end
end
local stored = #bodies / 2 + #ready
if stored > 0 then
  if #bodies > 0 then redis.call('HSET', BODIES, unpack(bodies)) end
  if #vis > 0 then redis.call('ZADD', VIS, unpack(vis)) end
  if #ready > 0 then redis.call('RPUSH', READY, unpack(ready)) end
  if fair then redis.call('HSET', META, '_fair', '1') end
  if #sent > 0 then redis.call('ZADD', SENT, unpack(sent)) end
  if #delayed > 0 then redis.call('ZADD', DELAYED, unpack(delayed)) end
  if #lane_delayed > 0 then redis.call('ZADD', LANE_DELAYED, unpack(lane_delayed)) end
  for group in pairs(touched) do refresh_group(group) end
  if redis.call('EXISTS', WAITERS) == 1 then redis.call('PUBLISH', ARGV[3], stored) end
end
return out

-- Shared by every message script: the sixteen keys of one queue, always passed in this order
-- (see QueueStore.keyList), and the helpers that keep messages, FIFO groups and counters consistent.
-- FIFO invariants, per message group g:
--   list g (GROUP_PREFIX .. g) holds the group's message ids in send order;
--   GROUP_INFLIGHT[g] counts the group's entries in INFLIGHT;
--   g is in GROUP_READY, scored by its head's visible time, exactly when its list is non-empty and
--   nothing of it is in flight.
local META, BODIES, RC, FIRST, VIS, INFLIGHT, DELAYED, SENT, DLQ_OUT, WAITERS =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10]
local GROUP_READY, GROUP_INFLIGHT, MESSAGE_GROUP, GROUPS, DEDUP, DEDUP_EXPIRY =
  KEYS[11], KEYS[12], KEYS[13], KEYS[14], KEYS[15], KEYS[16]

local function group_list(group_prefix, group)
  return group_prefix .. group
end

-- Re-derives a group's place in GROUP_READY after its list or in-flight count changed.
local function refresh_group(group_prefix, group)
  local list = group_list(group_prefix, group)
  local head = redis.call('LINDEX', list, 0)
  if not head then
    redis.call('SREM', GROUPS, group)
    redis.call('ZREM', GROUP_READY, group)
    redis.call('HDEL', GROUP_INFLIGHT, group)
  elseif tonumber(redis.call('HGET', GROUP_INFLIGHT, group) or '0') > 0 then
    redis.call('ZREM', GROUP_READY, group)
  else
    redis.call('HDEL', GROUP_INFLIGHT, group)
    redis.call('ZADD', GROUP_READY, redis.call('ZSCORE', VIS, head) or 0, group)
  end
end

-- Takes a message out of INFLIGHT; for FIFO queues the group may become receivable again.
local function leave_inflight(group_prefix, id)
  if redis.call('ZREM', INFLIGHT, id) == 0 then return end
  if group_prefix == '' then return end
  local group = redis.call('HGET', MESSAGE_GROUP, id)
  if group then
    redis.call('HINCRBY', GROUP_INFLIGHT, group, -1)
    refresh_group(group_prefix, group)
  end
end

-- Ends the visibility timeouts that have passed.
local function expire_inflight(group_prefix, now)
  if group_prefix == '' then
    redis.call('ZREMRANGEBYSCORE', INFLIGHT, '-inf', now)
    return
  end
  local ids = redis.call('ZRANGEBYSCORE', INFLIGHT, '-inf', now)
  for _, id in ipairs(ids) do leave_inflight(group_prefix, id) end
end

-- Takes messages out of their FIFO groups (no-op for standard queues).
local function leave_groups(group_prefix, ids)
  if group_prefix == '' then return end
  for _, id in ipairs(ids) do
    local group = redis.call('HGET', MESSAGE_GROUP, id)
    if group then
      redis.call('LREM', group_list(group_prefix, group), 1, id)
      redis.call('HDEL', MESSAGE_GROUP, id)
      if redis.call('ZREM', INFLIGHT, id) == 1 then redis.call('HINCRBY', GROUP_INFLIGHT, group, -1) end
      refresh_group(group_prefix, group)
    end
  end
end

-- Forgets messages everywhere.
local function remove_messages(group_prefix, ids)
  if #ids == 0 then return end
  leave_groups(group_prefix, ids)
  redis.call('HDEL', BODIES, unpack(ids))
  redis.call('HDEL', RC, unpack(ids))
  redis.call('HDEL', FIRST, unpack(ids))
  redis.call('ZREM', VIS, unpack(ids))
  redis.call('ZREM', INFLIGHT, unpack(ids))
  redis.call('ZREM', DELAYED, unpack(ids))
  redis.call('ZREM', SENT, unpack(ids))
end

-- Every key of the queue's FIFO group lists, for purge and delete.
local function group_list_keys(group_prefix)
  local out = {}
  if group_prefix == '' then return out end
  for _, group in ipairs(redis.call('SMEMBERS', GROUPS)) do out[#out + 1] = group_list(group_prefix, group) end
  return out
end

-- Moves a message past maxReceiveCount to the dead-letter outbox (its body stays until the DLQ has it).
local function dead_letter(id)
  redis.call('ZREM', VIS, id)
  redis.call('ZREM', INFLIGHT, id)
  redis.call('ZREM', SENT, id)
  redis.call('RPUSH', DLQ_OUT, id)
end

-- Hides a received message until `deadline` and appends it to a receive's reply:
-- id, receive count, first receive time, encoded message.
local function hand_out(id, count, now, deadline, out)
  local first
  if count == 1 then
    first = now
    redis.call('HSET', FIRST, id, now)
  else
    first = tonumber(redis.call('HGET', FIRST, id) or now)
  end
  redis.call('ZADD', VIS, deadline, id)
  redis.call('ZADD', INFLIGHT, deadline, id)
  out[#out + 1] = id
  out[#out + 1] = count
  out[#out + 1] = first
  out[#out + 1] = redis.call('HGET', BODIES, id)
end

-- An empty receive: reports when the earliest entry of `schedule` (a sorted set by time) is due, and
-- marks WAITERS for the long poll (`wait_arg` ms; -1 = the queue's wait time) so sends publish a wake-up.
local function note_empty_receive(out, schedule, wait_arg, queue_wait_seconds)
  local first = redis.call('ZRANGE', schedule, 0, 0, 'WITHSCORES')
  if first[2] then out[2] = first[2] end
  local wait = tonumber(wait_arg)
  if wait < 0 then wait = tonumber(queue_wait_seconds or '0') * 1000 end
  if wait > 0 then redis.call('SET', WAITERS, '1', 'PX', wait) end
end

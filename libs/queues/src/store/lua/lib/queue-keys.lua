-- Shared by every message script: the nineteen keys of one queue, always passed in this order
-- (see QueueStore.keyList), ARGV[1] the queue mode, and the helpers that keep messages, groups and
-- counters consistent.
--
-- ARGV[1] is 'F' .. prefix for a FIFO queue and 'S' .. prefix for a standard one; prefix .. group
-- names a per-group key under the queue's hash tag.
--
-- FIFO queues, per message group g:
--   list g holds the group's message ids in send order;
--   GROUP_INFLIGHT[g] counts the group's entries in INFLIGHT;
--   g is in GROUP_READY, scored by its head's visible time, exactly when its list is non-empty and
--   nothing of it is in flight.
-- Standard queues with MessageGroupId (fair queues), per group g:
--   lane g (a sorted set by visible time) holds the group's messages that are not in flight; they are
--   not in VIS, so one group's backlog never hides another group's messages;
--   GROUP_INFLIGHT[g] counts the group's entries in INFLIGHT;
--   g is in GROUP_READY when its lane is non-empty, scored by in-flight count * 1e9 plus the tick it
--   was last served at, so receives favour the groups with the least in flight, in turn;
--   a receive that finds nothing of g's lane visible yet (delayed messages only) moves g from
--   GROUP_READY to GROUP_DUE, scored by the lane's earliest visible time, and a later receive moves it
--   back once that time has come; so groups holding only delayed messages never stand in front of
--   receivable ones. (Sends and other changes put g back in GROUP_READY; it may then sit in both
--   until a receive sorts it out.)
--   META._fairQueued counts the messages in all lanes, and LANE_DELAYED (a sorted set by visible time)
--   holds those that entered their lane with a delay, so the counters can tell the delayed apart.
-- Standard queues, messages never received: one sent without a delay, group or de-duplication (given
-- as 3 fields to send-messages) waits in READY, a list in send order of '<sent ms>:<id>:<message>',
-- with no trace in BODIES or any sorted set: appending to a list costs Redis a fraction of a hash
-- insert, and this is where a topic's fan-out puts every message. (An entry '<sent ms>:<id>' keeps
-- its message in BODIES, as entries were written before they carried it.) A receive of a queue
-- without groups takes READY's head once VIS has nothing receivable; every other reader that needs
-- such a message in VIS and SENT moves it there first (promote_ready). Once received, a message is in
-- BODIES and the sorted sets like any other.
local META, BODIES, RC, FIRST, VIS, INFLIGHT, DELAYED, SENT, DLQ_OUT, WAITERS =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10]
local GROUP_READY, GROUP_INFLIGHT, MESSAGE_GROUP, GROUPS, DEDUP, DEDUP_EXPIRY =
  KEYS[11], KEYS[12], KEYS[13], KEYS[14], KEYS[15], KEYS[16]
local GROUP_DUE, LANE_DELAYED, READY = KEYS[17], KEYS[18], KEYS[19]
local FIFO = string.sub(ARGV[1], 1, 1) == 'F'
local GROUP_PREFIX = string.sub(ARGV[1], 2)
local FAIR_WEIGHT = 1000000000

local function group_key(group)
  return GROUP_PREFIX .. group
end

-- A READY entry's sent time (the string it was stored as), message id and encoded message (nil for
-- an entry whose message is in BODIES). Ids hold no ':'.
local function split_ready(entry)
  local cut = string.find(entry, ':', 1, true)
  local cut2 = string.find(entry, ':', cut + 1, true)
  if not cut2 then return string.sub(entry, 1, cut - 1), string.sub(entry, cut + 1) end
  return string.sub(entry, 1, cut - 1), string.sub(entry, cut + 1, cut2 - 1), string.sub(entry, cut2 + 1)
end

-- Moves up to n never-received messages from READY's head into BODIES, VIS and SENT, scored by their
-- sent time (receivable at once), and returns their ids.
local function promote_ready(n)
  local entries = redis.call('LPOP', READY, n)
  if not entries then return {} end
  local ids, scores, bodies = {}, {}, {}
  for i, entry in ipairs(entries) do
    local sent, id, message = split_ready(entry)
    ids[i] = id
    scores[2 * i - 1] = sent
    scores[2 * i] = id
    if message then
      bodies[#bodies + 1] = id
      bodies[#bodies + 1] = message
    end
  end
  if #bodies > 0 then redis.call('HSET', BODIES, unpack(bodies)) end
  redis.call('ZADD', VIS, unpack(scores))
  redis.call('ZADD', SENT, unpack(scores))
  return ids
end

-- Re-derives a group's place in GROUP_READY after its list (lane) or in-flight count changed.
local function refresh_group(group, served_tick)
  local key = group_key(group)
  local inflight = tonumber(redis.call('HGET', GROUP_INFLIGHT, group) or '0')
  if FIFO then
    local head = redis.call('LINDEX', key, 0)
    if not head then
      redis.call('SREM', GROUPS, group)
      redis.call('ZREM', GROUP_READY, group)
      redis.call('HDEL', GROUP_INFLIGHT, group)
    elseif inflight > 0 then
      redis.call('ZREM', GROUP_READY, group)
    else
      redis.call('HDEL', GROUP_INFLIGHT, group)
      redis.call('ZADD', GROUP_READY, redis.call('ZSCORE', VIS, head) or 0, group)
    end
    return
  end
  if inflight <= 0 then redis.call('HDEL', GROUP_INFLIGHT, group) end
  if redis.call('ZCARD', key) == 0 then
    redis.call('ZREM', GROUP_READY, group)
    redis.call('ZREM', GROUP_DUE, group)
    if inflight <= 0 then redis.call('SREM', GROUPS, group) end
    return
  end
  local tick = served_tick
  if not tick then
    local old = tonumber(redis.call('ZSCORE', GROUP_READY, group))
    tick = old and (old % FAIR_WEIGHT) or tonumber(redis.call('HGET', META, '_tick') or '0')
  end
  redis.call('ZADD', GROUP_READY, math.max(inflight, 0) * FAIR_WEIGHT + tick, group)
end

-- Fair queues: puts a grouped message (back) in its group's lane, receivable at `visible_at`.
local function enter_lane(id, group, visible_at)
  if redis.call('ZADD', group_key(group), visible_at, id) == 1 then redis.call('HINCRBY', META, '_fairQueued', 1) end
  redis.call('SADD', GROUPS, group)
end

-- Fair queues: takes a message out of its lane (returns whether it was there).
local function leave_lane(id, group)
  if redis.call('ZREM', group_key(group), id) == 1 then
    redis.call('HINCRBY', META, '_fairQueued', -1)
    return true
  end
  return false
end

-- Takes a message out of INFLIGHT, for a visibility timeout that ended or was set to 0: a FIFO group
-- may become receivable again; a fair queue's message goes back to its lane.
local function leave_inflight(id, now)
  if redis.call('ZREM', INFLIGHT, id) == 0 then return end
  local group = redis.call('HGET', MESSAGE_GROUP, id)
  if not group then return end
  redis.call('HINCRBY', GROUP_INFLIGHT, group, -1)
  if not FIFO then enter_lane(id, group, now) end
  refresh_group(group)
end

-- Ends the visibility timeouts that have passed. `fair` says whether a standard queue has groups (nil:
-- read it).
local function expire_inflight(now, fair)
  if fair == nil then fair = redis.call('HEXISTS', META, '_fair') == 1 end
  if not FIFO and not fair then
    redis.call('ZREMRANGEBYSCORE', INFLIGHT, '-inf', now)
    return
  end
  local ids = redis.call('ZRANGEBYSCORE', INFLIGHT, '-inf', now)
  for _, id in ipairs(ids) do leave_inflight(id, now) end
end

-- Takes messages out of their groups: FIFO lists, or fair-queue lanes and in-flight counts.
local function leave_groups(ids)
  -- One look-up for all (most messages of a standard queue have no group).
  local groups = redis.call('HMGET', MESSAGE_GROUP, unpack(ids))
  for i, id in ipairs(ids) do
    local group = groups[i]
    if group then
      if FIFO then
        redis.call('LREM', group_key(group), 1, id)
      else
        leave_lane(id, group)
        redis.call('ZREM', LANE_DELAYED, id)
      end
      redis.call('HDEL', MESSAGE_GROUP, id)
      if redis.call('ZREM', INFLIGHT, id) == 1 then redis.call('HINCRBY', GROUP_INFLIGHT, group, -1) end
      refresh_group(group)
    end
  end
end

-- Forgets messages everywhere. `ungrouped` says none of them has a group (a standard queue that has
-- never had a grouped message), which saves looking.
local function remove_messages(ids, ungrouped)
  if #ids == 0 then return end
  if not ungrouped then leave_groups(ids) end
  redis.call('HDEL', BODIES, unpack(ids))
  redis.call('HDEL', RC, unpack(ids))
  redis.call('HDEL', FIRST, unpack(ids))
  redis.call('ZREM', VIS, unpack(ids))
  redis.call('ZREM', INFLIGHT, unpack(ids))
  redis.call('ZREM', DELAYED, unpack(ids))
  redis.call('ZREM', SENT, unpack(ids))
end

-- Every per-group key of the queue (FIFO lists, fair lanes), for purge and delete.
local function group_keys()
  local out = {}
  for _, group in ipairs(redis.call('SMEMBERS', GROUPS)) do out[#out + 1] = group_key(group) end
  return out
end

-- Moves a message past maxReceiveCount to the dead-letter outbox (its body stays until the DLQ has it).
local function dead_letter(id)
  redis.call('ZREM', VIS, id)
  redis.call('ZREM', INFLIGHT, id)
  redis.call('ZREM', SENT, id)
  redis.call('RPUSH', DLQ_OUT, id)
end

-- What a receive works with, from ARGV[2] (now, ms), ARGV[3] (how many) and ARGV[4] (visibility timeout
-- in seconds, '' for the queue's) and the queue's settings; nil when the queue does not exist.
local function receive_settings()
  local now = tonumber(ARGV[2])
  local meta = redis.call('HMGET', META, 'VisibilityTimeout', 'MessageRetentionPeriod', '_maxReceiveCount',
    'ReceiveMessageWaitTimeSeconds', '_fair')
  if not meta[1] then return nil end
  local visibility = (ARGV[4] == '' and tonumber(meta[1]) or tonumber(ARGV[4])) * 1000
  return {
    now = now,
    want = tonumber(ARGV[3]),
    deadline = now + visibility,
    -- Messages sent before this are past the retention period.
    cutoff = now - tonumber(meta[2]) * 1000,
    max_receives = tonumber(meta[3]),
    queue_wait_seconds = meta[4],
    fair = meta[5] ~= false and meta[5] ~= nil,
  }
end

-- Hides a received message until `deadline` and appends it to a receive's reply:
-- id, receive count, first receive time, this receive's time, encoded message. Fair-queue messages in
-- flight stay out of VIS.
local function hand_out(id, count, now, deadline, out, in_vis)
  local first
  if count == 1 then
    first = now
    redis.call('HSET', FIRST, id, now)
  else
    first = tonumber(redis.call('HGET', FIRST, id) or now)
  end
  if in_vis then redis.call('ZADD', VIS, deadline, id) end
  redis.call('ZADD', INFLIGHT, deadline, id)
  out[#out + 1] = id
  out[#out + 1] = count
  out[#out + 1] = first
  out[#out + 1] = now
  out[#out + 1] = redis.call('HGET', BODIES, id)
end

-- AWS's quota of messages in flight per queue, ARGV[6] ('' = none): how many of `want` a receive may
-- still hand out. At the quota it is 0, the reply says so (out[4] = 1) and tells when the earliest
-- visibility timeout ends (out[2]), which makes room.
local function in_flight_room(want, out)
  local limit = tonumber(ARGV[6])
  if not limit then return want end
  local room = limit - redis.call('ZCARD', INFLIGHT)
  if room >= want then return want end
  if room > 0 then return room end
  out[4] = 1
  local first = redis.call('ZRANGE', INFLIGHT, 0, 0, 'WITHSCORES')
  if first[2] then out[2] = first[2] end
  return 0
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

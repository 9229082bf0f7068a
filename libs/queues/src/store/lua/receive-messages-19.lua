-- Receives up to N messages of a standard queue: hides each for the visibility timeout, counts the
-- receive, and moves messages past the redrive policy's maxReceiveCount to the dead-letter outbox.
-- A fair queue (one that has had messages with MessageGroupId) alternates between the oldest message
-- without a group and the group with the fewest messages in flight, so no group's backlog starves
-- the others.
-- KEYS     the queue's nineteen keys (lib/queue-keys.lua)
-- ARGV[1]  queue mode: 'S' followed by the per-group key prefix (lib/queue-keys.lua)
-- ARGV[2]  now (ms)
-- ARGV[3]  max number of messages (1-10)
-- ARGV[4]  visibility timeout (s); '' = the queue's VisibilityTimeout
-- ARGV[5]  long-poll wait (ms; -1 = the queue's ReceiveMessageWaitTimeSeconds): when nothing is
--          receivable, mark WAITERS for this long so sends publish a wake-up
-- ARGV[6]  most messages the queue may have in flight ('' = no limit; lib/queue-keys.lua in_flight_room)
-- Returns  {E.NOT_FOUND} no such queue, or
--          {queueWaitSeconds, nextVisibleAt or '', deadLettered, atInFlightLimit (0 or 1), id1, receiveCount1,
--          firstReceive1, receivedAt1, message1, id2, ...}
-- @include queue-keys
local settings = receive_settings()
if not settings then return {E.NOT_FOUND} end
local now, want, deadline, cutoff, max_receives, fair =
  settings.now, settings.want, settings.deadline, settings.cutoff, settings.max_receives, settings.fair

expire_inflight(now, fair)
redis.call('ZREMRANGEBYSCORE', DELAYED, '-inf', now)

local out = {tonumber(settings.queue_wait_seconds or '0'), '', 0, 0}
want = in_flight_room(want, out)
if want == 0 then return out end
local got, dead = 0, 0
-- With a visibility timeout of 0 a handed-out message stays receivable: remember it, so one
-- response never holds a message twice.
local taken, still_visible = {}, 0
-- Times go to Redis as strings made once: formatting a Lua number per member costs more than the
-- member's ZADD.
local now_s, deadline_s = ARGV[2], deadline == now and ARGV[2] or tostring(deadline)

-- Receives, dead-letters or (past retention) drops one message found receivable; returns whether it
-- was handed out.
local function take(id, group)
  local sent = tonumber(redis.call('ZSCORE', SENT, id))
  if not sent or sent < cutoff then
    remove_messages({id})
    return false
  end
  local count = redis.call('HINCRBY', RC, id, 1)
  if max_receives and count > max_receives then
    dead_letter(id)
    if group then
      redis.call('HDEL', MESSAGE_GROUP, id)
      refresh_group(group)
    end
    dead = dead + 1
    return false
  end
  if group then
    redis.call('HINCRBY', GROUP_INFLIGHT, group, 1)
    hand_out(id, count, now, deadline, out, false)
    refresh_group(group, redis.call('HINCRBY', META, '_tick', 1) % FAIR_WEIGHT)
  else
    hand_out(id, count, now, deadline, out, true)
    taken[id] = true
    if deadline <= now then still_visible = still_visible + 1 end
  end
  got = got + 1
  return true
end

-- Receives, dead-letters or (past retention) drops messages without a group found receivable, as
-- take(id, nil) does for each, with a handful of calls for all of them instead of six a message: each
-- command a script calls has its own dispatch, argument conversion and replication entry, and this is
-- the hot path of a standard queue (it took a fifth off Redis's CPU per message received and deleted).
local function take_ungrouped(ids)
  -- Lists are filled through counters, not `#t + 1`, and a first receive's count is the text '1':
  -- this runs for every message a standard queue hands out.
  local sents = redis.call('ZMSCORE', SENT, unpack(ids))
  local counts = redis.call('HMGET', RC, unpack(ids))
  local expired, rc, handed, handed_counts, again = {}, {}, {}, {}, {}
  local n_expired, n_rc, n_handed, n_again = 0, 0, 0, 0
  for i, id in ipairs(ids) do
    local sent = tonumber(sents[i])
    if not sent or sent < cutoff then
      n_expired = n_expired + 1
      expired[n_expired] = id
    else
      local count, count_text = 1, '1'
      if counts[i] then
        count = tonumber(counts[i]) + 1
        count_text = count
      end
      rc[n_rc + 1] = id
      rc[n_rc + 2] = count_text
      n_rc = n_rc + 2
      if max_receives and count > max_receives then
        dead_letter(id)
        dead = dead + 1
      else
        n_handed = n_handed + 1
        handed[n_handed] = id
        handed_counts[n_handed] = count
        if count > 1 then
          n_again = n_again + 1
          again[n_again] = id
        end
      end
    end
  end
  remove_messages(expired, not fair)
  if n_rc > 0 then redis.call('HSET', RC, unpack(rc)) end
  if n_handed == 0 then return end
  local first_of, hidden, fresh = {}, {}, {}
  local n_fresh = 0
  if n_again > 0 then
    local known = redis.call('HMGET', FIRST, unpack(again))
    for i, id in ipairs(again) do first_of[id] = tonumber(known[i] or now) end
  end
  for i = 1, n_handed do
    local id = handed[i]
    hidden[2 * i - 1] = deadline_s
    hidden[2 * i] = id
    if handed_counts[i] == 1 then
      fresh[n_fresh + 1] = id
      fresh[n_fresh + 2] = now_s
      n_fresh = n_fresh + 2
    end
  end
  if n_fresh > 0 then redis.call('HSET', FIRST, unpack(fresh)) end
  redis.call('ZADD', VIS, unpack(hidden))
  redis.call('ZADD', INFLIGHT, unpack(hidden))
  local bodies = redis.call('HMGET', BODIES, unpack(handed))
  -- A message handed out stays receivable only with a visibility timeout of 0.
  local stays_visible = deadline <= now
  local n_out = #out
  for i = 1, n_handed do
    local id, count = handed[i], handed_counts[i]
    out[n_out + 1] = id
    out[n_out + 2] = count
    out[n_out + 3] = count == 1 and now or first_of[id]
    out[n_out + 4] = now
    out[n_out + 5] = bodies[i]
    n_out = n_out + 5
    if stays_visible then
      taken[id] = true
      still_visible = still_visible + 1
    end
  end
  got = got + n_handed
end

-- Receives messages never received before from READY's head (lib/queue-keys.lua), as
-- take_ungrouped does for those in VIS, with less to do: each is received for the first time, its sent
-- time and message are in its entry, and one past the retention period has nothing left to remove.
-- Runs after VIS has given what it had, so no message is handed out twice by one receive.
local function take_ready()
  for _ = 1, 10 do
    local asked = want - got
    local entries = redis.call('LPOP', READY, asked)
    if not entries then return end
    local expired, handed, scores, hidden, counts, firsts = {}, {}, {}, {}, {}, {}
    -- A message now received goes to BODIES; one whose entry did not carry it is read from there.
    local bodies, kept, unread, unread_at = {}, {}, {}, {}
    local n_expired, n, n_kept, n_unread = 0, 0, 0, 0
    for _, entry in ipairs(entries) do
      local sent, id, message = split_ready(entry)
      if tonumber(sent) < cutoff then
        if not message then
          n_expired = n_expired + 1
          expired[n_expired] = id
        end
      else
        n = n + 1
        handed[n] = id
        scores[2 * n - 1] = sent
        scores[2 * n] = id
        hidden[2 * n - 1] = deadline_s
        hidden[2 * n] = id
        counts[2 * n - 1] = id
        counts[2 * n] = '1'
        firsts[2 * n - 1] = id
        firsts[2 * n] = now_s
        if message then
          bodies[n] = message
          kept[n_kept + 1] = id
          kept[n_kept + 2] = message
          n_kept = n_kept + 2
        else
          n_unread = n_unread + 1
          unread[n_unread] = id
          unread_at[n_unread] = n
        end
      end
    end
    if n_expired > 0 then redis.call('HDEL', BODIES, unpack(expired)) end
    if n > 0 then
      if n_kept > 0 then redis.call('HSET', BODIES, unpack(kept)) end
      if n_unread > 0 then
        local read = redis.call('HMGET', BODIES, unpack(unread))
        for i = 1, n_unread do bodies[unread_at[i]] = read[i] end
      end
      redis.call('HSET', RC, unpack(counts))
      redis.call('HSET', FIRST, unpack(firsts))
      redis.call('ZADD', SENT, unpack(scores))
      redis.call('ZADD', VIS, unpack(hidden))
      redis.call('ZADD', INFLIGHT, unpack(hidden))
      local n_out = #out
      for i = 1, n do
        out[n_out + 1] = handed[i]
        out[n_out + 2] = 1
        out[n_out + 3] = now
        out[n_out + 4] = now
        out[n_out + 5] = bodies[i]
        n_out = n_out + 5
      end
      got = got + n
    end
    if got >= want or #entries < asked then return end
  end
end

-- The oldest receivable message without a group (not handed out by this receive), or nil; a message
-- never received waits in READY until VIS has none.
local function next_ungrouped()
  local ids = redis.call('ZRANGEBYSCORE', VIS, '-inf', now, 'LIMIT', 0, 1 + still_visible)
  for _, id in ipairs(ids) do
    if not taken[id] then return id end
  end
  return promote_ready(1)[1]
end

if not fair then
  for _ = 1, 10 do
    local ids = redis.call('ZRANGEBYSCORE', VIS, '-inf', now, 'LIMIT', 0, want - got + still_visible)
    if #ids <= still_visible then break end
    local fresh = {}
    for _, id in ipairs(ids) do
      if not taken[id] then fresh[#fresh + 1] = id end
    end
    if #fresh > 0 then take_ungrouped(fresh) end
    if got >= want then break end
  end
  if got < want then take_ready() end
else
  redis.call('ZREMRANGEBYSCORE', LANE_DELAYED, '-inf', now)
  -- Groups whose delayed messages have come due compete again.
  local due = redis.call('ZRANGEBYSCORE', GROUP_DUE, '-inf', now)
  if #due > 0 then
    redis.call('ZREM', GROUP_DUE, unpack(due))
    for _, group in ipairs(due) do refresh_group(group) end
  end
  local ungrouped_done, grouped_done = false, false
  local turn, attempts = 0, 0
  while got < want and not (ungrouped_done and grouped_done) and attempts < want * 6 + 20 do
    turn = turn + 1
    if (turn % 2 == 1 or grouped_done) and not ungrouped_done then
      attempts = attempts + 1
      local id = next_ungrouped()
      if id then take(id, nil) else ungrouped_done = true end
    else
      local group = redis.call('ZRANGE', GROUP_READY, 0, 0)[1]
      if not group then
        grouped_done = true
      else
        local lane = group_key(group)
        local head = redis.call('ZRANGEBYSCORE', lane, '-inf', now, 'LIMIT', 0, 1)[1]
        if not head then
          -- Everything of this group is still delayed: it waits in GROUP_DUE, out of the way. Each
          -- group moves at most once, so this counts neither as an attempt nor as the grouped turn.
          turn = turn - 1
          redis.call('ZREM', GROUP_READY, group)
          redis.call('ZADD', GROUP_DUE, redis.call('ZRANGE', lane, 0, 0, 'WITHSCORES')[2], group)
        else
          attempts = attempts + 1
          leave_lane(head, group)
          take(head, group)
        end
      end
    end
  end
end

out[3] = dead
if got == 0 then
  note_empty_receive(out, VIS, ARGV[5], settings.queue_wait_seconds)
  if fair then
    -- Fair-queue messages become receivable when a delay or a visibility timeout ends.
    for _, schedule in ipairs({DELAYED, INFLIGHT}) do
      local first = redis.call('ZRANGE', schedule, 0, 0, 'WITHSCORES')
      if first[2] and (out[2] == '' or tonumber(first[2]) < tonumber(out[2])) then out[2] = first[2] end
    end
  end
end
return out

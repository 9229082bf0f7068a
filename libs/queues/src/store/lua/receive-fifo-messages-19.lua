-- Receives up to N messages of a FIFO queue in group order: takes as many as it can from the first
-- receivable group, then from the next; a group with a message in flight is skipped entirely.
-- KEYS     the queue's nineteen keys (lib/queue-keys.lua)
-- ARGV[1]  queue mode: 'F' or 'S' followed by the per-group key prefix (lib/queue-keys.lua)
-- ARGV[2]  now (ms)
-- ARGV[3]  max number of messages (1-10)
-- ARGV[4]  visibility timeout (s); '' = the queue's VisibilityTimeout
-- ARGV[5]  long-poll wait (ms; -1 = the queue's ReceiveMessageWaitTimeSeconds)
-- ARGV[6]  most messages the queue may have in flight ('' = no limit)
-- ARGV[7]  key remembering a ReceiveRequestAttemptId for 5 minutes, '' when none was given
-- Returns  as receive-messages-18.lua
-- @include queue-keys
local settings = receive_settings()
if not settings then return {E.NOT_FOUND} end
local now, want, deadline, cutoff, max_receives =
  settings.now, settings.want, settings.deadline, settings.cutoff, settings.max_receives
local attempt_key = ARGV[7]

expire_inflight(now)
redis.call('ZREMRANGEBYSCORE', DELAYED, '-inf', now)

local out = {tonumber(settings.queue_wait_seconds or '0'), '', 0, 0}

-- A retried receive with the same attempt id gets the same messages while they are still hidden.
if attempt_key ~= '' then
  local remembered = redis.call('GET', attempt_key)
  if remembered then
    local again = {}
    for id, count, received_at in string.gmatch(remembered, '([^,:]+):(%d+):(%d+)') do
      local hidden = tonumber(redis.call('ZSCORE', INFLIGHT, id))
      if hidden and hidden > now and redis.call('HGET', RC, id) == count then
        again[#again + 1] = id
        again[#again + 1] = tonumber(count)
        again[#again + 1] = tonumber(redis.call('HGET', FIRST, id) or now)
        again[#again + 1] = tonumber(received_at)
        again[#again + 1] = redis.call('HGET', BODIES, id)
      end
    end
    if #again > 0 then
      for i = 1, #again do out[#out + 1] = again[i] end
      return out
    end
  end
end

want = in_flight_room(want, out)
if want == 0 then return out end
local got, dead = 0, 0
local taken = {}
for _ = 1, 10 do
  local groups = redis.call('ZRANGEBYSCORE', GROUP_READY, '-inf', now, 'LIMIT', 0, want - got)
  if #groups == 0 then break end
  for _, group in ipairs(groups) do
    local list = group_key(group)
    local ids = redis.call('LRANGE', list, 0, want - got + 9)
    local expired = {}
    for _, id in ipairs(ids) do
      if got >= want then break end
      local visible_at = tonumber(redis.call('ZSCORE', VIS, id) or now)
      local sent = tonumber(redis.call('ZSCORE', SENT, id))
      if not sent or sent < cutoff then
        expired[#expired + 1] = id
      elseif visible_at > now then
        break
      else
        local count = redis.call('HINCRBY', RC, id, 1)
        if max_receives and count > max_receives then
          redis.call('LREM', list, 1, id)
          redis.call('HDEL', MESSAGE_GROUP, id)
          dead_letter(id)
          dead = dead + 1
        else
          redis.call('HINCRBY', GROUP_INFLIGHT, group, 1)
          hand_out(id, count, now, deadline, out, true)
          taken[#taken + 1] = id .. ':' .. count .. ':' .. now
          got = got + 1
        end
      end
    end
    remove_messages(expired)
    refresh_group(group)
    if got >= want then break end
  end
  if got >= want then break end
end
out[3] = dead
if got == 0 then
  note_empty_receive(out, GROUP_READY, ARGV[5], settings.queue_wait_seconds)
elseif attempt_key ~= '' then
  redis.call('SET', attempt_key, table.concat(taken, ','), 'PX', 300000)
end
return out

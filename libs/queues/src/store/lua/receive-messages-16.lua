-- Receives up to N messages of a standard queue: hides each for the visibility timeout, counts the
-- receive, and moves messages past the redrive policy's maxReceiveCount to the dead-letter outbox.
-- KEYS     the queue's sixteen keys (lib/queue-keys.lua)
-- ARGV[1]  '' (standard queue)
-- ARGV[2]  now (ms)
-- ARGV[3]  max number of messages (1-10)
-- ARGV[4]  visibility timeout (s); '' = the queue's VisibilityTimeout
-- ARGV[5]  long-poll wait (ms; -1 = the queue's ReceiveMessageWaitTimeSeconds): when nothing is
--          receivable, mark WAITERS for this long so sends publish a wake-up
-- Returns  {-1} QueueDoesNotExist, or
--          {queueWaitSeconds, nextVisibleAt or '', deadLettered, id1, receiveCount1, firstReceive1, message1, id2, ...}
-- @include queue-keys
local now = tonumber(ARGV[2])
local meta = redis.call('HMGET', META, 'VisibilityTimeout', 'MessageRetentionPeriod', '_maxReceiveCount',
  'ReceiveMessageWaitTimeSeconds')
if not meta[1] then return {-1} end
local visibility = (ARGV[4] == '' and tonumber(meta[1]) or tonumber(ARGV[4])) * 1000
local cutoff = now - tonumber(meta[2]) * 1000
local max_receives = tonumber(meta[3])
local want = tonumber(ARGV[3])
local deadline = now + visibility

expire_inflight('', now)
redis.call('ZREMRANGEBYSCORE', DELAYED, '-inf', now)

local out = {tonumber(meta[4] or '0'), '', 0}
local got, dead = 0, 0
-- With a visibility timeout of 0 a handed-out message stays receivable: remember it, so one
-- response never holds a message twice.
local taken, still_visible = {}, 0
for _ = 1, 10 do
  local ids = redis.call('ZRANGEBYSCORE', VIS, '-inf', now, 'LIMIT', 0, want - got + still_visible)
  if #ids <= still_visible then break end
  local expired = {}
  for _, id in ipairs(ids) do
    local sent = tonumber(redis.call('ZSCORE', SENT, id))
    if taken[id] then
      -- handed out earlier in this receive
    elseif not sent or sent < cutoff then
      expired[#expired + 1] = id
    else
      local count = redis.call('HINCRBY', RC, id, 1)
      if max_receives and count > max_receives then
        dead_letter(id)
        dead = dead + 1
      else
        hand_out(id, count, now, deadline, out)
        got = got + 1
        taken[id] = true
        if deadline <= now then still_visible = still_visible + 1 end
      end
    end
  end
  remove_messages('', expired)
  if got >= want then break end
end
out[3] = dead
if got == 0 then note_empty_receive(out, VIS, ARGV[5], meta[4]) end
return out

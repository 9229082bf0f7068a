-- Reads messages of a queue without touching them, for the console: no receive is counted, no
-- visibility changes, nothing expires, no first-receive time is set. Messages are read in send order
-- (the SENT sorted set, then the never-received ones in READY), so dead-letter moves waiting in the
-- outbox are not among them.
-- Reads    META (does the queue exist), SENT, READY, BODIES, RC, FIRST, INFLIGHT, DELAYED, DLQ_OUT;
--          writes nothing.
-- KEYS     the queue's nineteen keys (lib/queue-keys.lua)
-- ARGV[1]  queue mode: 'F' or 'S' followed by the per-group key prefix (lib/queue-keys.lua)
-- ARGV[2]  now (ms)
-- ARGV[3]  messages to examine at most (in send order)
-- ARGV[4]  matches to return at most
-- ARGV[5]  search text ('' = every message): a message matches when its id is the text, or its body
--          contains it (case-sensitive)
-- ARGV[6]  the search text as it appears inside a JSON string (escaped), to skip bodies quickly
-- Returns  {E.NOT_FOUND} no such queue, or
--          {examined, 1 when messages were left unexamined else 0,
--           id1, state1, receiveCount1, firstReceive1 or '', message1, id2, ...}
--          state: 'visible', 'inFlight' or 'delayed'
-- @include queue-keys
if redis.call('EXISTS', META) == 0 then return {E.NOT_FOUND} end
local now = tonumber(ARGV[2])
local max_scan, limit, text, escaped = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], ARGV[6]
local out = {0, 0}
local found = 0
local seen = {}

local function add(id, encoded)
  local state = 'visible'
  local until_at = tonumber(redis.call('ZSCORE', INFLIGHT, id))
  if until_at and until_at > now then
    state = 'inFlight'
  else
    local delayed_until = tonumber(redis.call('ZSCORE', DELAYED, id))
    if delayed_until and delayed_until > now then state = 'delayed' end
  end
  out[#out + 1] = id
  out[#out + 1] = state
  out[#out + 1] = tonumber(redis.call('HGET', RC, id) or '0')
  out[#out + 1] = redis.call('HGET', FIRST, id) or ''
  out[#out + 1] = encoded
  found = found + 1
  seen[id] = true
end

-- A message whose id is the search text comes first, whatever its place (in SENT, or in READY: a body
-- that is neither in SENT nor on its way to the dead-letter queue).
if text ~= '' then
  local encoded = redis.call('HGET', BODIES, text)
  if encoded and (redis.call('ZSCORE', SENT, text) or not redis.call('LPOS', DLQ_OUT, text)) then
    add(text, encoded)
  end
end

local function body_contains(encoded)
  if not string.find(encoded, escaped, 1, true) then return false end
  local ok, message = pcall(cjson.decode, encoded)
  return ok and type(message.body) == 'string' and string.find(message.body, text, 1, true) ~= nil
end

local in_sent = redis.call('ZCARD', SENT)
local total = in_sent + redis.call('LLEN', READY)
local examined, chunk = 0, 100
while examined < max_scan and examined < total and found < limit do
  local ids
  if examined < in_sent then
    ids = redis.call('ZRANGE', SENT, examined, math.min(examined + chunk, max_scan, in_sent) - 1)
  else
    ids = redis.call('LRANGE', READY, examined - in_sent, math.min(examined + chunk, max_scan) - in_sent - 1)
    for i, entry in ipairs(ids) do
      local _, id = split_ready(entry)
      ids[i] = id
    end
  end
  if #ids == 0 then break end
  local bodies = redis.call('HMGET', BODIES, unpack(ids))
  for i, id in ipairs(ids) do
    examined = examined + 1
    local encoded = bodies[i]
    if encoded and not seen[id] and (text == '' or body_contains(encoded)) then add(id, encoded) end
    if found >= limit then break end
  end
end
out[1] = examined
out[2] = examined < total and 1 or 0
return out

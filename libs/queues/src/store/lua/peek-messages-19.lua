-- Reads messages of a queue without touching them, for the console: no receive is counted, no
-- visibility changes, nothing expires, no first-receive time is set. Messages are read in send order
-- (the SENT sorted set merged with READY, which holds the never-received ones in send order), so
-- dead-letter moves waiting in the outbox are not among them.
-- Reads    META (does the queue exist), SENT, READY, BODIES, RC, FIRST, INFLIGHT, DELAYED, DLQ_OUT;
--          writes nothing.
-- KEYS     the queue's nineteen keys (lib/queue-keys.lua)
-- ARGV[1]  queue mode: 'F' or 'S' followed by the per-group key prefix (lib/queue-keys.lua)
-- ARGV[2]  now (ms)
-- ARGV[3]  messages to examine at most (in send order)
-- ARGV[4]  matches to return at most
-- ARGV[5]  search text ('' = every message): a message matches when its id is the text (for one never
--          received, within READY's first 10,000 entries), or its body contains it (case-sensitive)
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

local function body_contains(encoded)
  if not string.find(encoded, escaped, 1, true) then return false end
  local ok, message = pcall(cjson.decode, encoded)
  return ok and type(message.body) == 'string' and string.find(message.body, text, 1, true) ~= nil
end

local total = redis.call('ZCARD', SENT) + redis.call('LLEN', READY)
-- The first max_scan messages in send order: both sources are in send order, so a merge of their
-- first max_scan each.
local order = {}
-- The messages of the READY entries read that carry them, by id.
local in_ready = {}
if max_scan > 0 then
  local sent = redis.call('ZRANGE', SENT, 0, max_scan - 1, 'WITHSCORES')
  local ready = redis.call('LRANGE', READY, 0, max_scan - 1)
  local s, r = 1, 1
  while #order < max_scan and (s < #sent or r <= #ready) do
    local ready_at, ready_id, ready_message
    if r <= #ready then
      ready_at, ready_id, ready_message = split_ready(ready[r])
      if ready_message then in_ready[ready_id] = ready_message end
    end
    if s < #sent and (not ready_at or tonumber(sent[s + 1]) <= tonumber(ready_at)) then
      order[#order + 1] = sent[s]
      s = s + 2
    else
      order[#order + 1] = ready_id
      r = r + 1
    end
  end
end
-- The message of the never-received message whose id is `id`, among the first READY_SEARCHED entries
-- of READY that carry their messages (no index finds it sooner), or nil. Only a message id (a UUID)
-- is looked for there, so a search of the bodies does not read READY twice.
local READY_SEARCHED = 10000
local UUID = '^' .. string.rep('%x', 8) .. '%-' .. string.rep('%x', 4) .. '%-' .. string.rep('%x', 4) .. '%-'
  .. string.rep('%x', 4) .. '%-' .. string.rep('%x', 12) .. '$'
local function ready_message(id)
  if in_ready[id] then return in_ready[id] end
  if not string.find(id, UUID) then return nil end
  for _, entry in ipairs(redis.call('LRANGE', READY, 0, READY_SEARCHED - 1)) do
    local _, entry_id, message = split_ready(entry)
    if entry_id == id then return message end
  end
  return nil
end

-- A message whose id is the search text comes first, wherever it is in send order: one received (in
-- SENT), one never received whose message is in BODIES (in neither SENT nor the dead-letter outbox),
-- or one never received in READY's first READY_SEARCHED entries.
if text ~= '' then
  local encoded = redis.call('HGET', BODIES, text)
  if encoded and (redis.call('ZSCORE', SENT, text) or not redis.call('LPOS', DLQ_OUT, text)) then
    add(text, encoded)
  else
    encoded = ready_message(text)
    if encoded then add(text, encoded) end
  end
end

local examined, chunk = 0, 100
while examined < #order and found < limit do
  local ids = {}
  for i = examined + 1, math.min(examined + chunk, #order) do ids[#ids + 1] = order[i] end
  local bodies = redis.call('HMGET', BODIES, unpack(ids))
  for i, id in ipairs(ids) do
    examined = examined + 1
    local encoded = in_ready[id] or bodies[i]
    if encoded and not seen[id] and (text == '' or body_contains(encoded)) then add(id, encoded) end
    if found >= limit then break end
  end
end
out[1] = examined
out[2] = examined < total and 1 or 0
return out

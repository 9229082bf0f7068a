-- Accepts published messages onto a topic's stream, where they wait for the fan-out; FIFO topics
-- first drop what repeats a de-duplication id within the window and number what they keep.
-- KEYS[1]  meta hash of the topic
-- KEYS[2]  published-messages stream of the topic
-- KEYS[3]  FIFO de-duplication hash (key → "messageId\nsequence")
-- KEYS[4]  FIFO de-duplication expiry sorted set (key → end of its window, ms)
-- ARGV[1]  now (ms)
-- ARGV[2]  de-duplication window (ms)
-- ARGV[3..] per message, 3 values: message id, de-duplication key ('' on standard topics), encoded message
--           (its sequence number, when it gets one, is filled in here at "__SEQ__")
-- Returns  E.NOT_FOUND no such topic; else 1 when the stream was empty before (the topic needs marking
--          for its fan-out; otherwise whoever takes the earlier messages reads these too), then per
--          message, 2 values: message id and sequence number ('' on standard topics); a duplicate
--          answers the original's id and sequence
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
local now = tonumber(ARGV[1])
local expired = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now)
if #expired > 0 then
  redis.call('HDEL', KEYS[3], unpack(expired))
  redis.call('ZREM', KEYS[4], unpack(expired))
end
local out = {redis.call('XLEN', KEYS[2]) == 0 and 1 or 0}
for i = 3, #ARGV, 3 do
  local id, dedup, encoded = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if dedup == '' then
    redis.call('XADD', KEYS[2], '*', 'm', encoded)
    out[#out + 1] = id
    out[#out + 1] = ''
  else
    local seen = redis.call('HGET', KEYS[3], dedup)
    if seen then
      local cut = string.find(seen, '\n', 1, true)
      out[#out + 1] = string.sub(seen, 1, cut - 1)
      out[#out + 1] = string.sub(seen, cut + 1)
    else
      local seq = string.format('%020d', redis.call('HINCRBY', KEYS[1], 'sequence', 1))
      local s, e = string.find(encoded, '__SEQ__', 1, true)
      if s then encoded = string.sub(encoded, 1, s - 1) .. seq .. string.sub(encoded, e + 1) end
      redis.call('XADD', KEYS[2], '*', 'm', encoded)
      redis.call('HSET', KEYS[3], dedup, id .. '\n' .. seq)
      redis.call('ZADD', KEYS[4], now + tonumber(ARGV[2]), dedup)
      out[#out + 1] = id
      out[#out + 1] = seq
    end
  end
end
return out

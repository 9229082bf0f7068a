-- Settles routed stream entries: for each entry still pending (so not settled by a worker that
-- claimed it meanwhile), records the deliveries it produced and acknowledges and deletes it, in one
-- step: an entry is either still pending or fully turned into deliveries.
-- KEYS[1]  the ingest stream
-- KEYS[2]  hash of deliveries (id → JSON)
-- KEYS[3]  sorted set of deliveries by due time (ms)
-- ARGV[1]  the consumer group
-- ARGV[2..] per entry: its stream id, m (how many deliveries it produced), then m times 3 values:
--           delivery id, due time (ms), delivery (JSON)
-- Returns  how many deliveries were recorded
local recorded = 0
local i = 2
while i <= #ARGV do
  local entry, m = ARGV[i], tonumber(ARGV[i + 1])
  local pending = redis.call('XACK', KEYS[1], ARGV[1], entry) == 1
  for j = i + 2, i + 1 + 3 * m, 3 do
    if pending then
      redis.call('HSET', KEYS[2], ARGV[j], ARGV[j + 2])
      redis.call('ZADD', KEYS[3], ARGV[j + 1], ARGV[j])
      recorded = recorded + 1
    end
  end
  redis.call('XDEL', KEYS[1], entry)
  i = i + 2 + 3 * m
end
return recorded

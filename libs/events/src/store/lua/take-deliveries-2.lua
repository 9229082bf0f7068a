-- Takes deliveries that are due, leasing each until ARGV[2]: a worker that dies with one leaves it
-- due again when the lease ends, for any worker to take.
-- KEYS[1]  sorted set of deliveries by due time (ms)
-- KEYS[2]  hash of deliveries (id → JSON)
-- ARGV[1]  now (ms)
-- ARGV[2]  end of the lease (ms)
-- ARGV[3]  the most to take
-- Returns  delivery id, delivery (JSON) pairs
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
if #ids == 0 then return out end
local bodies = redis.call('HMGET', KEYS[2], unpack(ids))
for i = 1, #ids do
  if bodies[i] then
    redis.call('ZADD', KEYS[1], ARGV[2], ids[i])
    out[#out + 1] = ids[i]
    out[#out + 1] = bodies[i]
  else
    redis.call('ZREM', KEYS[1], ids[i])
  end
end
return out

-- Forgets a delivery: delivered, dead-lettered or dropped.
-- KEYS[1]  sorted set of deliveries by due time (ms)
-- KEYS[2]  hash of deliveries (id → JSON)
-- ARGV[1]  delivery id
-- Returns  1
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 1

-- Keeps a delivery for a later attempt.
-- KEYS[1]  sorted set of deliveries by due time (ms)
-- KEYS[2]  hash of deliveries (id → JSON)
-- ARGV[1]  delivery id
-- ARGV[2]  when it is due again (ms)
-- ARGV[3]  the delivery (JSON, with its attempts counted)
-- Returns  1
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1

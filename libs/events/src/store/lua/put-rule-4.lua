-- Creates a rule, or replaces the settings of one (its targets and tags stay); tags given are added.
-- KEYS[1]  sorted set of the bus's rule names
-- KEYS[2]  the bus's rule version counter
-- KEYS[3]  hash of the rule's settings
-- KEYS[4]  hash of the rule's tags
-- ARGV[1]  rule name
-- ARGV[2]  the most rules the bus may have
-- ARGV[3]  n: how many setting pairs follow
-- ARGV[4..] n field, value pairs, then tag key, value pairs
-- Returns  1 created, 0 replaced, {E.LIMIT_EXCEEDED, 'rules'} a new rule past the bus's quota
local created = redis.call('ZSCORE', KEYS[1], ARGV[1]) == false
if created and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return {E.LIMIT_EXCEEDED, 'rules'} end
local n = tonumber(ARGV[3])
redis.call('DEL', KEYS[3])
redis.call('HSET', KEYS[3], unpack(ARGV, 4, 3 + 2 * n))
if #ARGV > 3 + 2 * n then redis.call('HSET', KEYS[4], unpack(ARGV, 4 + 2 * n)) end
redis.call('ZADD', KEYS[1], 0, ARGV[1])
redis.call('INCR', KEYS[2])
return created and 1 or 0

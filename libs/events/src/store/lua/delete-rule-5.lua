-- Deletes a rule that has no targets (a rule that does not exist is no error, as on AWS).
-- KEYS[1]  sorted set of the bus's rule names
-- KEYS[2]  the bus's rule version counter
-- KEYS[3]  hash of the rule's settings
-- KEYS[4]  hash of the rule's targets
-- KEYS[5]  hash of the rule's tags
-- ARGV[1]  rule name
-- Returns  1 deleted, 0 there was no such rule, E.WRONG_STATE the rule still has targets
if redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
if redis.call('HLEN', KEYS[4]) > 0 then return E.WRONG_STATE end
redis.call('DEL', KEYS[3], KEYS[4], KEYS[5])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('INCR', KEYS[2])
return 1

-- Enables or disables a rule.
-- KEYS[1]  the bus's rule version counter
-- KEYS[2]  hash of the rule's settings
-- ARGV[1]  the state (ENABLED, DISABLED, …)
-- Returns  1, E.NOT_FOUND no such rule
if redis.call('EXISTS', KEYS[2]) == 0 then return E.NOT_FOUND end
redis.call('HSET', KEYS[2], 'state', ARGV[1])
redis.call('INCR', KEYS[1])
return 1

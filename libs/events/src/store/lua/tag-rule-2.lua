-- Adds or overwrites tags of a rule.
-- KEYS[1]  hash of the rule's settings
-- KEYS[2]  hash of the rule's tags
-- ARGV[1..] key, value pairs
-- Returns  1, E.NOT_FOUND no such rule
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
if #ARGV > 0 then redis.call('HSET', KEYS[2], unpack(ARGV)) end
return 1

-- Removes tags of a rule (keys it does not have are no error).
-- KEYS[1]  hash of the rule's settings
-- KEYS[2]  hash of the rule's tags
-- ARGV[1..] tag keys
-- Returns  1, E.NOT_FOUND no such rule
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
if #ARGV > 0 then redis.call('HDEL', KEYS[2], unpack(ARGV)) end
return 1

-- Removes targets from a rule.
-- KEYS[1]  the bus's rule version counter
-- KEYS[2]  hash of the rule's settings
-- KEYS[3]  hash of the rule's targets
-- ARGV[1..] target ids
-- Returns  E.NOT_FOUND no such rule; else 1 followed by the ids the rule did not have
if redis.call('EXISTS', KEYS[2]) == 0 then return E.NOT_FOUND end
local out = {1}
for i = 1, #ARGV do
  if redis.call('HDEL', KEYS[3], ARGV[i]) == 0 then out[#out + 1] = ARGV[i] end
end
redis.call('INCR', KEYS[1])
return out

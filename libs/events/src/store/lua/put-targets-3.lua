-- Adds targets to a rule or replaces those of the same ids, refusing a rule with too many.
-- KEYS[1]  the bus's rule version counter
-- KEYS[2]  hash of the rule's settings
-- KEYS[3]  hash of the rule's targets
-- ARGV[1]  the most targets a rule may have
-- ARGV[2..] target id, target (JSON) pairs
-- Returns  1, E.NOT_FOUND no such rule, {E.LIMIT_EXCEEDED, 'targets'} the rule would have too many
if redis.call('EXISTS', KEYS[2]) == 0 then return E.NOT_FOUND end
local count = redis.call('HLEN', KEYS[3])
for i = 2, #ARGV, 2 do
  if redis.call('HEXISTS', KEYS[3], ARGV[i]) == 0 then count = count + 1 end
end
if count > tonumber(ARGV[1]) then return {E.LIMIT_EXCEEDED, 'targets'} end
redis.call('HSET', KEYS[3], unpack(ARGV, 2))
redis.call('INCR', KEYS[1])
return 1

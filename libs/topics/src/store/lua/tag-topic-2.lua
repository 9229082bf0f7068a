-- Adds or overwrites tags of a topic, refusing a change that would leave it with too many.
-- KEYS[1]  meta hash of the topic
-- KEYS[2]  tags hash of the topic
-- ARGV[1]  the most tags a topic may have
-- ARGV[2..] key, value pairs
-- Returns  1 tagged, E.NOT_FOUND no such topic, {E.LIMIT_EXCEEDED, 'tags'} the topic would have more than ARGV[1] tags
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
local count = redis.call('HLEN', KEYS[2])
for i = 2, #ARGV, 2 do
  if redis.call('HEXISTS', KEYS[2], ARGV[i]) == 0 then count = count + 1 end
end
if count > tonumber(ARGV[1]) then return {E.LIMIT_EXCEEDED, 'tags'} end
redis.call('HSET', KEYS[2], unpack(ARGV, 2))
return 1

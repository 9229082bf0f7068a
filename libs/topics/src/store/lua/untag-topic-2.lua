-- Removes tags of a topic (keys it does not have are ignored).
-- KEYS[1]  meta hash of the topic
-- KEYS[2]  tags hash of the topic
-- ARGV[1..] tag keys
-- Returns  1 done, E.NOT_FOUND no such topic
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
if #ARGV > 0 then redis.call('HDEL', KEYS[2], unpack(ARGV)) end
return 1

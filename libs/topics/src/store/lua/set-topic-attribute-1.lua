-- Sets one attribute of a topic; an empty value removes an attribute that has a default.
-- KEYS[1]  meta hash of the topic
-- ARGV[1]  attribute name
-- ARGV[2]  value
-- ARGV[3]  '1' when an empty value removes the attribute (so its default shows again)
-- Returns  1 set, E.NOT_FOUND no such topic
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
if ARGV[2] == '' and ARGV[3] == '1' then
  redis.call('HDEL', KEYS[1], 'a:' .. ARGV[1])
else
  redis.call('HSET', KEYS[1], 'a:' .. ARGV[1], ARGV[2])
end
return 1

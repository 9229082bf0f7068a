-- Creates a topic, or confirms an existing one whose attributes and tags match the request.
-- KEYS[1]  meta hash of the topic
-- KEYS[2]  tags hash of the topic
-- ARGV[1]  created time (ms)
-- ARGV[2]  n: how many attribute name, value pairs follow
-- ARGV[3..2+2n]  the attributes given, as name, value pairs
-- ARGV[3+2n..]   the tags given, as key, value pairs
-- Returns  1 created, 0 existed with matching attributes and tags,
--          {E.EXISTS, 'attributes'} or {E.EXISTS, 'tags'}: the existing topic differs in what it names
local n = tonumber(ARGV[2])
local tags_start = 3 + 2 * n
if redis.call('EXISTS', KEYS[1]) == 1 then
  for i = 3, tags_start - 1, 2 do
    if redis.call('HGET', KEYS[1], 'a:' .. ARGV[i]) ~= ARGV[i + 1] then return {E.EXISTS, 'attributes'} end
  end
  for i = tags_start, #ARGV, 2 do
    if redis.call('HGET', KEYS[2], ARGV[i]) ~= ARGV[i + 1] then return {E.EXISTS, 'tags'} end
  end
  return 0
end
local fields = {'created', ARGV[1], 'subscriptions-deleted', 0}
for i = 3, tags_start - 1, 2 do
  fields[#fields + 1] = 'a:' .. ARGV[i]
  fields[#fields + 1] = ARGV[i + 1]
end
redis.call('HSET', KEYS[1], unpack(fields))
if #ARGV >= tags_start then redis.call('HSET', KEYS[2], unpack(ARGV, tags_start)) end
return 1

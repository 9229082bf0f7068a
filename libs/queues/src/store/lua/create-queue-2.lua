-- Creates a queue, or confirms an existing one whose attributes match the request.
-- KEYS[1]  meta hash of the queue
-- KEYS[2]  marker left by a recent DeleteQueue of this name
-- ARGV[1]  n: how many of the following names were given in the request (compared on an existing queue)
-- ARGV[2..n+1]  the given attribute names
-- ARGV[n+2..]   name, value pairs: the full attribute set to store for a new queue
-- Returns  1 created, 0 existed with matching attributes,
--          {E.EXISTS, name}: the existing queue differs in attribute `name`,
--          {E.DELETED_RECENTLY}: the name was deleted too recently to be taken again
if redis.call('EXISTS', KEYS[2]) == 1 then return {E.DELETED_RECENTLY} end
local n = tonumber(ARGV[1])
local pairs_start = n + 2
if redis.call('EXISTS', KEYS[1]) == 1 then
  local wanted = {}
  for i = pairs_start, #ARGV, 2 do wanted[ARGV[i]] = ARGV[i + 1] end
  for i = 2, n + 1 do
    local name = ARGV[i]
    if redis.call('HGET', KEYS[1], name) ~= wanted[name] then return {E.EXISTS, name} end
  end
  return 0
end
local fields = {}
for i = pairs_start, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
return 1

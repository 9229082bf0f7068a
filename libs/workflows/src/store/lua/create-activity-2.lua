-- Creates an activity, or answers the existing one of that name (CreateActivity is idempotent by name).
-- KEYS[1]  meta hash of the activity
-- KEYS[2]  tags hash of the activity
-- ARGV[1]  created time (ms)
-- ARGV[2..]  the tags given, as key, value pairs (kept only when the activity is new)
-- Returns  the activity's creation time (ms)
local created = redis.call('HGET', KEYS[1], 'created')
if created then return tonumber(created) end
redis.call('HSET', KEYS[1], 'created', ARGV[1])
if #ARGV >= 2 then redis.call('HSET', KEYS[2], unpack(ARGV, 2)) end
return tonumber(ARGV[1])

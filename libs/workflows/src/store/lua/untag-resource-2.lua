-- Removes tags of an existing state machine or activity (keys it does not carry are no error).
-- KEYS[1]  meta hash of the resource
-- KEYS[2]  tags hash of the resource
-- ARGV[1..]  tag keys
-- Returns  1, or E.NOT_FOUND no such resource
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
if #ARGV > 0 then redis.call('HDEL', KEYS[2], unpack(ARGV)) end
return 1

-- Creates a connection unless one of the name exists.
-- KEYS[1]  hash of the connection
-- ARGV[1]  the connection's record (JSON: ARN, type, state, times, the parameters that are not secret)
-- ARGV[2]  its authorization parameters, sealed ('' when it has none)
-- Returns  1 created, E.EXISTS a connection of the name exists
if redis.call('EXISTS', KEYS[1]) == 1 then return E.EXISTS end
redis.call('HSET', KEYS[1], 'record', ARGV[1], 'revision', 1)
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'sealed', ARGV[2]) end
return 1

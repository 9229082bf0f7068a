-- Replaces a connection's record (and its sealed parameters) if nobody changed it since it was read.
-- KEYS[1]  hash of the connection
-- ARGV[1]  the revision the change was made from
-- ARGV[2]  the new record (JSON)
-- ARGV[3]  'keep' the sealed parameters, 'drop' them, or 'set' them to ARGV[4]
-- ARGV[4]  the new sealed parameters (with 'set')
-- Returns  the new revision, E.NOT_FOUND no such connection, E.STALE it changed since ARGV[1]
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
if redis.call('HGET', KEYS[1], 'revision') ~= ARGV[1] then return E.STALE end
redis.call('HSET', KEYS[1], 'record', ARGV[2])
if ARGV[3] == 'drop' then redis.call('HDEL', KEYS[1], 'sealed') end
if ARGV[3] == 'set' then redis.call('HSET', KEYS[1], 'sealed', ARGV[4]) end
return redis.call('HINCRBY', KEYS[1], 'revision', 1)

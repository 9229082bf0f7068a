-- Opens a GetActivityTask poll of an activity's, counting the open polls of every gateway: polls
-- past their end (their gateway died) are dropped first.
-- KEYS[1]  pollers sorted set of the activity (poll id → when it ends, ms)
-- ARGV[1]  the poll's id
-- ARGV[2]  now, ms
-- ARGV[3]  when the poll ends at the latest, ms
-- ARGV[4]  the most polls open at once
-- Returns  1 opened; 0 as many as allowed are open
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return 1

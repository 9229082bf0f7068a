-- Releases a worker's hold on a topic's fan-out, if the hold is still that worker's (it may have
-- expired and been taken by another).
-- KEYS[1]  the topic's fan-out hold
-- ARGV[1]  the holder
-- Returns  1 released, 0 not held by this holder
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0

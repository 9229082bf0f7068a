-- Releases an execution's hold, only by the executor that holds it.
-- KEYS[1]  hold key of the execution
-- ARGV[1]  the holder's id
-- Returns  1 released, 0 not held by that holder
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0

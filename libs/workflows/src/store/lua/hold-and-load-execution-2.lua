-- Takes an execution's hold for an executor (or renews the one it has) and reads the execution, in
-- one step: the executor that holds an execution is the one that advances it.
-- KEYS[1]  hold key of the execution
-- KEYS[2]  meta hash of the execution
-- ARGV[1]  the holder's id
-- ARGV[2]  how long the hold lasts unless renewed (ms)
-- Returns  0 held by another executor; else the execution's fields as HGETALL answers them (empty
--          when there is no such execution)
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return redis.call('HGETALL', KEYS[2])

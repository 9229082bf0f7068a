-- Takes an execution's hold, or renews it for the executor that has it.
-- KEYS[1]  hold key of the execution
-- ARGV[1]  the holder's id
-- ARGV[2]  how long the hold lasts unless renewed (ms)
-- Returns  1 held by the caller now, 0 held by another
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1

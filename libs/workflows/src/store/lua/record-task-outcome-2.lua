-- Records the outcome of a branch task an executor performed for the execution that handed it, once
-- (a task performed again after a crash keeps the first outcome), and only while the execution runs.
-- KEYS[1]  meta hash of the execution
-- KEYS[2]  branch task outcomes hash of the execution (wait → outcome)
-- ARGV[1]  the wait the task ends
-- ARGV[2]  the outcome: `[thread, outcome]` (JSON)
-- Returns  1 recorded, and the first not yet applied (whoever records it hands the execution to the
--          executors: while others are recorded, the executor applying them finds this one too);
--          2 recorded behind others; 0 recorded before; -1 the execution has ended (or is gone)
if redis.call('HGET', KEYS[1], 'status') ~= 'RUNNING' then return -1 end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 0 end
if redis.call('HLEN', KEYS[2]) == 1 then return 1 end
return 2

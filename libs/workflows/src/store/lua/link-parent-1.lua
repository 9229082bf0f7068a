-- Links a child execution to the parent thread that waits for its end (`startExecution.sync`), once:
-- a link already there stays.
-- KEYS[1]  meta hash of the child execution
-- ARGV[1]  the link (JSON: the parent execution, its thread and wait, the output form)
-- Returns  {the link the child holds now, the child's status}, or E.NOT_FOUND (no such execution)
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
redis.call('HSETNX', KEYS[1], 'parent', ARGV[1])
return redis.call('HMGET', KEYS[1], 'parent', 'status')

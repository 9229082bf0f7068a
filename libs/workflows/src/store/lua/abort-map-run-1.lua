-- Aborts a running Distributed Map run (its parent ended): it starts no more children. Its stop
-- time is set once every running child has ended (record-map-item), or now when none runs.
-- KEYS[1]  meta hash of the run
-- ARGV[1]  now, ms
-- Returns  1 aborted now; 0 it was not running (or there is no such run)
if redis.call('HGET', KEYS[1], 'status') ~= 'RUNNING' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'ABORTED')
if tonumber(redis.call('HGET', KEYS[1], 'running')) <= 0 then redis.call('HSET', KEYS[1], 'stopped', ARGV[1]) end
return 1

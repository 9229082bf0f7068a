-- Starts a Standard execution, or answers the one already started under its name.
-- KEYS[1]  meta hash of the execution
-- KEYS[2]  history list of the execution
-- ARGV[1]  n: how many field, value pairs follow (the new execution's meta, `input` among them)
-- ARGV[2..1+2n]  those pairs
-- ARGV[2+2n..]   the first history events (JSON)
-- Returns  1 started; {0, status, input, started} an execution of that name exists
if redis.call('EXISTS', KEYS[1]) == 1 then
  local m = redis.call('HMGET', KEYS[1], 'status', 'input', 'started')
  return {0, m[1], m[2], m[3]}
end
local n = tonumber(ARGV[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 2, 1 + 2 * n))
if #ARGV >= 2 + 2 * n then redis.call('RPUSH', KEYS[2], unpack(ARGV, 2 + 2 * n)) end
return 1

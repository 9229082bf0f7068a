-- Registers a message-move task for a source queue unless one is already active.
-- KEYS[1]  the source queue's move-task hash: active -> task id; order -> newest-first ids (at most 10);
--          <id>:record -> JSON (immutable); <id>:status; <id>:moved; <id>:failure
-- ARGV[1]  task id, ARGV[2] record JSON
-- Returns  1 started, E.LIMIT_EXCEEDED another task is RUNNING or CANCELLING (one at a time)
local active = redis.call('HGET', KEYS[1], 'active')
if active then
  local status = redis.call('HGET', KEYS[1], active .. ':status')
  if status == 'RUNNING' or status == 'CANCELLING' then return E.LIMIT_EXCEEDED end
end
local id = ARGV[1]
redis.call('HSET', KEYS[1], 'active', id, id .. ':record', ARGV[2], id .. ':status', 'RUNNING', id .. ':moved', 0)
local order = {id}
for old in string.gmatch(redis.call('HGET', KEYS[1], 'order') or '', '[^,]+') do
  if #order < 10 then
    order[#order + 1] = old
  else
    redis.call('HDEL', KEYS[1], old .. ':record', old .. ':status', old .. ':moved', old .. ':failure')
  end
end
redis.call('HSET', KEYS[1], 'order', table.concat(order, ','))
return 1

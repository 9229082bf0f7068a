-- Adds or replaces tags of an existing state machine or activity, within the per-resource quota.
-- KEYS[1]  meta hash of the resource
-- KEYS[2]  tags hash of the resource
-- ARGV[1]  the most tags a resource may carry
-- ARGV[2..]  key, value pairs
-- Returns  1; E.NOT_FOUND no such resource; E.LIMIT_EXCEEDED too many tags
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
local added = 0
for i = 2, #ARGV, 2 do
  if redis.call('HEXISTS', KEYS[2], ARGV[i]) == 0 then added = added + 1 end
end
if redis.call('HLEN', KEYS[2]) + added > tonumber(ARGV[1]) then return E.LIMIT_EXCEEDED end
if #ARGV >= 2 then redis.call('HSET', KEYS[2], unpack(ARGV, 2)) end
return 1

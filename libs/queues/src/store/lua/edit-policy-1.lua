-- Adds or removes one statement of a queue's access Policy (AddPermission / RemovePermission).
-- KEYS[1]  meta hash of the queue
-- ARGV[1]  'add' or 'remove'
-- ARGV[2]  the statement label (Sid)
-- ARGV[3]  add: the statement as JSON
-- ARGV[4]  add: the policy Id for a queue that has no Policy yet
-- ARGV[5]  now (s), the new LastModifiedTimestamp
-- Returns  1 done, E.NOT_FOUND no such queue, E.EXISTS label already in use, E.NO_SUCH_ITEM no such label,
--          {E.UNREADABLE, 'Policy'} the stored Policy is not JSON this script can decode or encode
-- @include policy-statement
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
local raw = redis.call('HGET', KEYS[1], 'Policy')
local policy
if raw then
  local ok, decoded = pcall(cjson.decode, raw)
  if not ok or type(decoded) ~= 'table' then return {E.UNREADABLE, 'Policy'} end
  policy = decoded
else
  policy = { Version = '2012-10-17', Id = ARGV[4], Statement = {} }
end
local failed = edit_policy_statement(policy, ARGV[1], ARGV[2], ARGV[3])
if failed then return failed end
if #policy.Statement == 0 then
  redis.call('HDEL', KEYS[1], 'Policy')
else
  local ok, encoded = pcall(cjson.encode, policy)
  if not ok then return {E.UNREADABLE, 'Policy'} end
  redis.call('HSET', KEYS[1], 'Policy', encoded)
end
redis.call('HSET', KEYS[1], 'LastModifiedTimestamp', ARGV[5])
return 1

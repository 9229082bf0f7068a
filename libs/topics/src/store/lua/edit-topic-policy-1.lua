-- Adds or removes one statement of a topic's access Policy (AddPermission / RemovePermission).
-- KEYS[1]  meta hash of the topic
-- ARGV[1]  'add' or 'remove'
-- ARGV[2]  the statement label (Sid)
-- ARGV[3]  add: the statement as JSON
-- ARGV[4]  the topic's default Policy, for a topic that has none set
-- Returns  1 done, E.NOT_FOUND no such topic, E.EXISTS label already in use, E.NO_SUCH_ITEM no such label,
--          {E.UNREADABLE, 'Policy'} the stored Policy is not JSON this script can decode or encode
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
local raw = redis.call('HGET', KEYS[1], 'a:Policy') or ARGV[4]
local ok, policy = pcall(cjson.decode, raw)
if not ok or type(policy) ~= 'table' then return {E.UNREADABLE, 'Policy'} end
if type(policy.Statement) ~= 'table' then policy.Statement = {} end
if policy.Statement.Sid then policy.Statement = { policy.Statement } end
local found = nil
for i, statement in ipairs(policy.Statement) do
  if type(statement) == 'table' and statement.Sid == ARGV[2] then found = i end
end
if ARGV[1] == 'add' then
  if found then return E.EXISTS end
  table.insert(policy.Statement, cjson.decode(ARGV[3]))
else
  if not found then return E.NO_SUCH_ITEM end
  table.remove(policy.Statement, found)
end
local encoded_ok, encoded = pcall(cjson.encode, policy)
if not encoded_ok then return {E.UNREADABLE, 'Policy'} end
redis.call('HSET', KEYS[1], 'a:Policy', encoded)
return 1

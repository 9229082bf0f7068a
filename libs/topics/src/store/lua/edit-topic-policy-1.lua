-- Adds or removes one statement of a topic's access Policy (AddPermission / RemovePermission).
-- KEYS[1]  meta hash of the topic
-- ARGV[1]  'add' or 'remove'
-- ARGV[2]  the statement label (Sid)
-- ARGV[3]  add: the statement as JSON
-- ARGV[4]  the topic's default Policy, for a topic that has none set
-- Returns  1 done, E.NOT_FOUND no such topic, E.EXISTS label already in use, E.NO_SUCH_ITEM no such label,
--          {E.UNREADABLE, 'Policy'} the stored Policy is not JSON this script can decode or encode
-- @include policy-statement
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
local raw = redis.call('HGET', KEYS[1], 'a:Policy') or ARGV[4]
local ok, policy = pcall(cjson.decode, raw)
if not ok or type(policy) ~= 'table' then return {E.UNREADABLE, 'Policy'} end
local failed = edit_policy_statement(policy, ARGV[1], ARGV[2], ARGV[3])
if failed then return failed end
local encoded_ok, encoded = pcall(cjson.encode, policy)
if not encoded_ok then return {E.UNREADABLE, 'Policy'} end
redis.call('HSET', KEYS[1], 'a:Policy', encoded)
return 1

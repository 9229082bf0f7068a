-- DeleteStateMachineVersion: forgets a version no alias routes to. A version that does not exist
-- (or a machine that does not) is no error. Its number is never given again.
-- KEYS[1]  meta hash of the state machine
-- KEYS[2]  versions sorted set of the state machine
-- KEYS[3]  version-records hash of the state machine
-- KEYS[4]  aliases hash of the state machine
-- ARGV[1]  the version's number
-- Returns  1 deleted; 0 there was no such version;
--          {E.WRONG_STATE, names} aliases route to it (their names, sorted, one a line)
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 0 then return 0 end
local routed = {}
local aliases = redis.call('HGETALL', KEYS[4])
for i = 1, #aliases, 2 do
  for _, route in ipairs(cjson.decode(aliases[i + 1]).routing) do
    if route.version == ARGV[1] then
      routed[#routed + 1] = aliases[i]
      break
    end
  end
end
if #routed > 0 then
  table.sort(routed)
  return {E.WRONG_STATE, table.concat(routed, '\n')}
end
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('HGET', KEYS[1], 'revisionVersion') == ARGV[1] then
  redis.call('HDEL', KEYS[1], 'revisionVersion')
end
return 1

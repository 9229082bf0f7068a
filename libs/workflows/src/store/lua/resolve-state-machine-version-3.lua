-- The version a version or alias ARN leads to, read in one step: an alias picks one of its versions
-- by their weights with the roll given.
-- KEYS[1]  meta hash of the state machine
-- KEYS[2]  version-records hash of the state machine
-- KEYS[3]  aliases hash of the state machine
-- ARGV[1]  'version' or 'alias'
-- ARGV[2]  the version's number, or the alias's name
-- ARGV[3]  the roll: a number from 0 (inclusive) to 100 (exclusive), drawn at random by the caller
-- Returns  {machine status, machine type, version number, version record (JSON)};
--          E.NOT_FOUND no such state machine; E.NO_SUCH_ITEM no such version or alias
local machine = redis.call('HMGET', KEYS[1], 'created', 'status', 'type')
if not machine[1] then return E.NOT_FOUND end
local version = ARGV[2]
if ARGV[1] == 'alias' then
  local alias = redis.call('HGET', KEYS[3], ARGV[2])
  if not alias then return E.NO_SUCH_ITEM end
  local roll = tonumber(ARGV[3])
  local sum = 0
  version = nil
  for _, route in ipairs(cjson.decode(alias).routing) do
    sum = sum + route.weight
    if route.weight > 0 and roll < sum then
      version = route.version
      break
    end
    if route.weight > 0 then version = route.version end
  end
end
local record = redis.call('HGET', KEYS[2], version)
if not record then return E.NO_SUCH_ITEM end
return {machine[2] or 'ACTIVE', machine[3], version, record}

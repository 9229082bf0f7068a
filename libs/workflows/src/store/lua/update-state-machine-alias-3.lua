-- UpdateStateMachineAlias: a new description or routing for an existing alias. The same settings
-- again change nothing (the update time stays).
-- KEYS[1]  meta hash of the state machine
-- KEYS[2]  version-records hash of the state machine
-- KEYS[3]  aliases hash of the state machine
-- ARGV[1]  the alias's name
-- ARGV[2]  now, ms
-- ARGV[3]  '1' when a description follows, '0' when it stays as it is
-- ARGV[4]  the description ('' when none follows)
-- ARGV[5..]  the new routing as version number, weight pairs; none when it stays as it is
-- Returns  {1, updated} changed; {0, updated} already so (updated: its last update time, ms);
--          {E.NO_SUCH_ITEM, ''} no such alias (nor machine); {E.NO_SUCH_ITEM, n} no version n;
--          E.WRONG_STATE the machine is being deleted
-- @include state-machine-aliases
if redis.call('EXISTS', KEYS[1]) == 0 then return {E.NO_SUCH_ITEM, ''} end
local existing = redis.call('HGET', KEYS[3], ARGV[1])
if not existing then return {E.NO_SUCH_ITEM, ''} end
if redis.call('HGET', KEYS[1], 'status') == 'DELETING' then return E.WRONG_STATE end
local routing = routing_from(5)
local missing = missing_version(KEYS[2], routing)
if missing then return {E.NO_SUCH_ITEM, missing} end
local alias = cjson.decode(existing)
local changed = false
if ARGV[3] == '1' and alias.description ~= ARGV[4] then
  alias.description = ARGV[4]
  changed = true
end
if #routing > 0 then
  if not same_routing(alias.routing, routing) then changed = true end
  alias.routing = routing
end
if not changed then return {0, alias.updated} end
alias.updated = ARGV[2]
redis.call('HSET', KEYS[3], ARGV[1], cjson.encode(alias))
return {1, alias.updated}

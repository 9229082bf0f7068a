-- CreateStateMachineAlias: an alias routing to one or two versions of the machine. Idempotent as
-- AWS's: an alias of that name with the same description and routing is answered as it is; one with
-- others is refused.
-- KEYS[1]  meta hash of the state machine
-- KEYS[2]  version-records hash of the state machine
-- KEYS[3]  aliases hash of the state machine
-- ARGV[1]  the alias's name
-- ARGV[2]  '1' when a description follows, '0' when none was given
-- ARGV[3]  the description ('' when none)
-- ARGV[4]  now, ms
-- ARGV[5]  the most aliases a machine may have
-- ARGV[6..]  the routing: version number, weight pairs
-- Returns  {1, created} created; {0, created} existed with the same settings;
--          E.NOT_FOUND no such state machine; E.WRONG_STATE it is being deleted;
--          {E.NO_SUCH_ITEM, n} no version n; E.EXISTS the alias exists with other settings;
--          E.LIMIT_EXCEEDED the machine has its quota of aliases
-- @include state-machine-aliases
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
if redis.call('HGET', KEYS[1], 'status') == 'DELETING' then return E.WRONG_STATE end
local alias = {routing = routing_from(6), created = ARGV[4], updated = ARGV[4]}
if ARGV[2] == '1' then alias.description = ARGV[3] end
local missing = missing_version(KEYS[2], alias.routing)
if missing then return {E.NO_SUCH_ITEM, missing} end
local existing = redis.call('HGET', KEYS[3], ARGV[1])
if existing then
  existing = cjson.decode(existing)
  if existing.description ~= alias.description or not same_routing(existing.routing, alias.routing) then
    return E.EXISTS
  end
  return {0, existing.created}
end
if redis.call('HLEN', KEYS[3]) >= tonumber(ARGV[5]) then return E.LIMIT_EXCEEDED end
redis.call('HSET', KEYS[3], ARGV[1], cjson.encode(alias))
return {1, alias.created}

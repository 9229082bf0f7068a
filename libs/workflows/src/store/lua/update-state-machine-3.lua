-- Changes an existing state machine's settings and, with `publish`, publishes its revision as a
-- version. A change of any setting is a new revision (ARGV[1]); settings given as they are keep the
-- current one (so publishing again answers the version published from it already).
-- KEYS[1]  meta hash of the state machine
-- KEYS[2]  versions sorted set of the state machine
-- KEYS[3]  version-records hash of the state machine
-- ARGV[1]  the id of the new revision, if the settings change
-- ARGV[2]  now, ms
-- ARGV[3]  '1' to publish a version, '0' not to
-- ARGV[4]  '1' when a version description follows, '0' when none was given
-- ARGV[5]  the version description ('' when none)
-- ARGV[6]  the most versions a machine may have
-- ARGV[7..]  field, value pairs to set ('' removes the field); `definitionSha` is set with the
--            definition it hashes and is not compared
-- Returns  {revision ('' for the initial one), version published or answered ('' when not publishing)};
--          E.NOT_FOUND no such state machine; E.WRONG_STATE it is being deleted;
--          E.LIMIT_EXCEEDED publishing would pass the versions quota (nothing is changed)
-- @include hash-fields
-- @include state-machine-versions
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
if redis.call('HGET', KEYS[1], 'status') == 'DELETING' then return E.WRONG_STATE end
local changed = false
for i = 7, #ARGV, 2 do
  if ARGV[i] ~= 'definitionSha' and (redis.call('HGET', KEYS[1], ARGV[i]) or '') ~= ARGV[i + 1] then
    changed = true
  end
end
if ARGV[3] == '1' and redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[6]) then
  -- At the quota, only a version published already from a revision kept as it is can be answered.
  local published = redis.call('HGET', KEYS[1], 'revisionVersion')
  if changed or not published or redis.call('HEXISTS', KEYS[3], published) == 0 then
    return E.LIMIT_EXCEEDED
  end
end
if changed then
  set_fields(KEYS[1], 7, #ARGV)
  redis.call('HSET', KEYS[1], 'updated', ARGV[2], 'revisionId', ARGV[1])
  redis.call('HDEL', KEYS[1], 'revisionVersion')
end
local revision = redis.call('HGET', KEYS[1], 'revisionId') or ''
if ARGV[3] ~= '1' then return {revision, ''} end
local description = false
if ARGV[4] == '1' then description = ARGV[5] end
local published = publish_version(KEYS[1], KEYS[2], KEYS[3], description, ARGV[2], ARGV[6])
if type(published) ~= 'table' then return published end
return {revision, published[2]}

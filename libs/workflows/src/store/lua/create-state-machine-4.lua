-- Creates a state machine, or confirms an existing one whose settings match the request (AWS compares
-- definition, type, the logging, tracing and encryption settings, and publish and versionDescription;
-- roleArn and tags are ignored). A new machine created with `publish` gets version 1 at once.
-- KEYS[1]  meta hash of the state machine
-- KEYS[2]  tags hash of the state machine
-- KEYS[3]  versions sorted set of the state machine
-- KEYS[4]  version-records hash of the state machine
-- ARGV[1]  '1' to publish the first version, '0' not to
-- ARGV[2]  '1' when a version description follows, '0' when none was given
-- ARGV[3]  the version description ('' when none)
-- ARGV[4]  the most versions a machine may have
-- ARGV[5]  n: how many field, value pairs follow that an existing machine must match
-- ARGV[6..5+2n]  those pairs
-- ARGV[6+2n]     m: how many field, value pairs follow that a new machine stores besides (it must
--                hold `created`, and `definitionSha` when the machine publishes)
-- ARGV[7+2n..6+2n+2m]  those pairs
-- ARGV[7+2n+2m..]      the tags given, as key, value pairs
-- Returns  {1, created, version} created (version: the number published, '' when none);
--          {0, created, version} existed with matching settings (created: its creation time, ms;
--          version: '1' when it was created publishing, '' otherwise);
--          E.EXISTS: the existing machine differs
-- @include state-machine-versions
local n = tonumber(ARGV[5])
local m = tonumber(ARGV[6 + 2 * n])
local tags_start = 7 + 2 * n + 2 * m
if redis.call('EXISTS', KEYS[1]) == 1 then
  for i = 6, 5 + 2 * n, 2 do
    if (redis.call('HGET', KEYS[1], ARGV[i]) or '') ~= ARGV[i + 1] then return E.EXISTS end
  end
  -- Publishing is part of what matched: the machine published version 1 when it was created.
  local version = ''
  if ARGV[1] == '1' then version = '1' end
  return {0, redis.call('HGET', KEYS[1], 'created'), version}
end
local fields = {}
for i = 6, 5 + 2 * n, 2 do
  if ARGV[i + 1] ~= '' then
    fields[#fields + 1] = ARGV[i]
    fields[#fields + 1] = ARGV[i + 1]
  end
end
for i = 7 + 2 * n, tags_start - 1, 2 do
  fields[#fields + 1] = ARGV[i]
  fields[#fields + 1] = ARGV[i + 1]
end
redis.call('HSET', KEYS[1], unpack(fields))
if #ARGV >= tags_start then redis.call('HSET', KEYS[2], unpack(ARGV, tags_start)) end
local created = redis.call('HGET', KEYS[1], 'created')
local version = ''
if ARGV[1] == '1' then
  local description = false
  if ARGV[2] == '1' then description = ARGV[3] end
  local published = publish_version(KEYS[1], KEYS[3], KEYS[4], description, created, ARGV[4])
  if type(published) ~= 'table' then return published end
  version = published[2]
end
return {1, created, version}

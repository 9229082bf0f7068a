-- Publishing a state machine's current revision as a version, shared by the scripts that publish
-- (CreateStateMachine and UpdateStateMachine with `publish`, PublishStateMachineVersion).
-- The machine's meta hash keeps `lastVersion` (the highest number ever given: numbers are never
-- reused) and `revisionVersion` (the version published from the current revision, if any).
-- A version is a JSON record in the version-records hash, and its number in the versions sorted set.

-- Publishes the current revision of the machine whose meta hash is `meta`, or answers the version
-- published from it already (whatever its description). `description` is false when none was given.
-- Returns {1, n, created} published now; {0, n, created} published before; E.LIMIT_EXCEEDED when the
-- machine has `max` versions already.
local function publish_version(meta, versions, records, description, now, max)
  local published = redis.call('HGET', meta, 'revisionVersion')
  if published then
    local existing = redis.call('HGET', records, published)
    if existing then return {0, published, cjson.decode(existing).created} end
  end
  if redis.call('ZCARD', versions) >= tonumber(max) then return E.LIMIT_EXCEEDED end
  local m = redis.call('HMGET', meta, 'definition', 'definitionSha', 'roleArn', 'type',
    'loggingConfiguration', 'tracingConfiguration', 'encryptionConfiguration', 'revisionId')
  local record = {
    -- Machines stored before definitions were kept by hash have none: the hash of their text is it.
    definitionSha = m[2] or redis.sha1hex(m[1]),
    roleArn = m[3],
    type = m[4],
    loggingConfiguration = m[5] or '',
    tracingConfiguration = m[6] or '',
    encryptionConfiguration = m[7] or '',
    created = now,
  }
  if m[8] then record.revisionId = m[8] end
  if description then record.description = description end
  local n = tostring(redis.call('HINCRBY', meta, 'lastVersion', 1))
  redis.call('HSET', records, n, cjson.encode(record))
  redis.call('ZADD', versions, n, n)
  redis.call('HSET', meta, 'revisionVersion', n)
  return {1, n, now}
end

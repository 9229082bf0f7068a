-- PublishStateMachineVersion: publishes the machine's current revision as a version, or answers the
-- version published from it already; refuses when the caller expects another revision.
-- KEYS[1]  meta hash of the state machine
-- KEYS[2]  versions sorted set of the state machine
-- KEYS[3]  version-records hash of the state machine
-- ARGV[1]  the revision the caller expects ('' for any; 'INITIAL' for the one a machine is created with)
-- ARGV[2]  '1' when a description follows, '0' when none was given
-- ARGV[3]  the description ('' when none)
-- ARGV[4]  now, ms
-- ARGV[5]  the most versions a machine may have
-- Returns  {1, n, created} published now; {0, n, created} published before;
--          E.NOT_FOUND no such state machine; E.WRONG_STATE it is being deleted;
--          {E.STALE, current revision ('INITIAL' for the first)} another revision is current;
--          E.LIMIT_EXCEEDED the machine has its quota of versions
-- @include state-machine-versions
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
if redis.call('HGET', KEYS[1], 'status') == 'DELETING' then return E.WRONG_STATE end
local current = redis.call('HGET', KEYS[1], 'revisionId') or 'INITIAL'
if ARGV[1] ~= '' and ARGV[1] ~= current then return {E.STALE, current} end
local description = false
if ARGV[2] == '1' then description = ARGV[3] end
return publish_version(KEYS[1], KEYS[2], KEYS[3], description, ARGV[4], ARGV[5])

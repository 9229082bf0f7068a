-- Commits one transition of an execution: appends its history events and stores its new state, only
-- if nothing else changed the execution since the caller read it (the fencing version still matches).
-- Branch task outcomes the transition applied are taken off the execution's outcomes and handed
-- marks. An execution that ends is kept for the retention period (its name is then free again), and
-- its handed tasks are forgotten (their late outcomes are not recorded); one that runs again (a
-- redrive) is kept for good until it ends. An end recorded as announced here leaves its holder
-- nothing to do: the commit lets go of the execution for it (release-hold), unless a `run` item was
-- merged into the holder's work meanwhile.
-- KEYS[1]  meta hash of the execution
-- KEYS[2]  history list of the execution
-- KEYS[3]  task tokens hash of the execution
-- KEYS[4]  handed branch tasks hash of the execution (wait → '1')
-- KEYS[5]  branch task outcomes hash of the execution (wait → outcome)
-- KEYS[6]  hold key of the execution
-- KEYS[7]  rerun flag of the execution
-- ARGV[1]  the version the caller read
-- ARGV[2]  retention of an ended execution (ms)
-- ARGV[3]  '1': when the commit ends the execution and nobody is linked to its end (no `parent`
--          waiting on it, no `mapRun` it belongs to), record the end as announced here; '' never
-- ARGV[4]  the holder committing ('' for a change from outside the executors)
-- ARGV[5]  how long (ms) the holder takes the hold for with this commit, when it has not taken it
--          yet (an executor's first commit of an execution just started; a first commit that ends
--          the execution and lets go never sets it); '' it holds it already
-- ARGV[6]  k: how many waits follow whose branch task outcomes the transition applied (or dropped)
-- ARGV[7..6+k]  those waits
-- ARGV[7+k]  n: how many field, value pairs follow (`state`, and `status`, `output`, … when it ends)
-- ARGV[8+k..7+k+2n]  those pairs (a value of '' removes the field: a redriven execution has no output)
-- ARGV[8+k+2n..]     history events to append (JSON)
-- Returns  {the new version, 1 when the end was recorded as announced here else 0, how many branch
--          task outcomes are recorded and not applied yet, 1 when the holder's hold was let go};
--          E.NOT_FOUND no such execution; E.STALE the execution changed meanwhile; E.WRONG_STATE
--          another executor holds it (when ARGV[5] asks to take the hold)
-- @include hash-fields
local version = redis.call('HGET', KEYS[1], 'version')
if not version then return E.NOT_FOUND end
if version ~= ARGV[1] then return E.STALE end
local taking = ARGV[5] ~= ''
if taking then
  local holder = redis.call('GET', KEYS[6])
  if holder and holder ~= ARGV[4] then return E.WRONG_STATE end
end
local k = tonumber(ARGV[6])
if k > 0 then
  redis.call('HDEL', KEYS[4], unpack(ARGV, 7, 6 + k))
  redis.call('HDEL', KEYS[5], unpack(ARGV, 7, 6 + k))
end
local first = 8 + k
local n = tonumber(ARGV[7 + k])
local status
for i = first, first - 1 + 2 * n, 2 do
  if ARGV[i] == 'status' then status = ARGV[i + 1] end
end
local announced = 0
if ARGV[3] == '1' and status and status ~= 'RUNNING' then
  local links = redis.call('HMGET', KEYS[1], 'parent', 'mapRun')
  if not links[1] and not links[2] then announced = 1 end
end
set_fields(KEYS[1], first, first - 1 + 2 * n, announced == 1 and {'announced', status} or nil)
if #ARGV >= first + 2 * n then redis.call('RPUSH', KEYS[2], unpack(ARGV, first + 2 * n)) end
local next_version = redis.call('HINCRBY', KEYS[1], 'version', 1)
local ended = status and status ~= 'RUNNING'
if status == 'RUNNING' then
  for i = 1, 3 do redis.call('PERSIST', KEYS[i]) end
elseif ended then
  for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
  redis.call('DEL', KEYS[4], KEYS[5])
end
-- The hold: let go of when the end is announced here (unless a run was merged meanwhile), taken
-- for the holder's first commit otherwise (a first commit that lets go never takes it).
local released = 0
local letting_go = announced == 1 and ARGV[4] ~= '' and redis.call('EXISTS', KEYS[7]) == 0
if letting_go then
  if redis.call('GET', KEYS[6]) == ARGV[4] then
    redis.call('DEL', KEYS[6])
    released = 1
  elseif taking then
    released = 1
  end
elseif taking then
  redis.call('SET', KEYS[6], ARGV[4], 'PX', ARGV[5])
end
-- An ended execution's outcomes were just deleted: none waits.
return {next_version, announced, ended and 0 or redis.call('HLEN', KEYS[5]), released}

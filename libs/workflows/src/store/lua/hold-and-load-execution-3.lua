-- Takes an execution's hold for an executor (or renews the one it has) and reads the execution, in
-- one step: the executor that holds an execution is the one that advances it. A `run` work item that
-- finds the execution held is merged into the holder's work instead of waiting: the holder goes
-- around once more before it lets go (release-hold), as that item would have.
-- KEYS[1]  hold key of the execution
-- KEYS[2]  meta hash of the execution
-- KEYS[3]  rerun flag of the execution (set while a merged run item waits for the holder)
-- ARGV[1]  the holder's id
-- ARGV[2]  how long the hold lasts unless renewed (ms)
-- ARGV[3]  '1': the caller's item is a `run` that may be merged; '' it may not
-- Returns  0 held by another executor; 1 held by another, and the item merged into its work; else
--          the execution's fields as HGETALL answers them (empty when there is no such execution)
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then
  if ARGV[3] ~= '1' then return 0 end
  -- It lasts until a holder lets go, however long the holder works (a holder that dies leaves its
  -- own item to be claimed, and that item's holder takes the flag and goes around once more).
  redis.call('SET', KEYS[3], '1')
  return 1
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return redis.call('HGETALL', KEYS[2])

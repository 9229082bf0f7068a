-- Releases an execution's hold, only by the executor that holds it, unless a `run` work item was
-- merged into its work meanwhile (hold-and-load-execution): then the holder keeps the hold and goes
-- around once more.
-- KEYS[1]  hold key of the execution
-- KEYS[2]  rerun flag of the execution
-- ARGV[1]  the holder's id
-- ARGV[2]  how long the hold lasts unless renewed (ms), when it is kept
-- Returns  1 released; 2 kept, to go around again (the flag is taken); 0 not held by that holder
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('DEL', KEYS[2]) == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 2
end
redis.call('DEL', KEYS[1])
return 1

-- Changes an existing state machine's settings; a field given as '' is removed.
-- KEYS[1]  meta hash of the state machine
-- ARGV[1..]  field, value pairs
-- Returns  1, or E.NOT_FOUND no such state machine
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
for i = 1, #ARGV, 2 do
  if ARGV[i + 1] == '' then
    redis.call('HDEL', KEYS[1], ARGV[i])
  else
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  end
end
return 1

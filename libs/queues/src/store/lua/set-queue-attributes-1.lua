-- Sets queue attributes; an empty value removes the attribute (e.g. RedrivePolicy "").
-- KEYS[1]  meta hash of the queue
-- ARGV     name, value pairs
-- Returns  1 done, E.NOT_FOUND no such queue
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
for i = 1, #ARGV, 2 do
  if ARGV[i + 1] == '' then
    redis.call('HDEL', KEYS[1], ARGV[i])
  else
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  end
end
return 1

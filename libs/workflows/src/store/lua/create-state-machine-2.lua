-- Creates a state machine, or confirms an existing one whose settings match the request (AWS compares
-- definition, type and the logging, tracing and encryption settings; roleArn and tags are ignored).
-- KEYS[1]  meta hash of the state machine
-- KEYS[2]  tags hash of the state machine
-- ARGV[1]  n: how many field, value pairs follow that an existing machine must match
-- ARGV[2..1+2n]  those pairs
-- ARGV[2+2n]     m: how many field, value pairs follow that a new machine stores besides
-- ARGV[3+2n..2+2n+2m]  those pairs
-- ARGV[3+2n+2m..]      the tags given, as key, value pairs
-- Returns  {1, created} created; {0, created} existed with matching settings (created: its creation
--          time, ms); E.EXISTS: the existing machine differs
local n = tonumber(ARGV[1])
local m = tonumber(ARGV[2 + 2 * n])
local tags_start = 3 + 2 * n + 2 * m
if redis.call('EXISTS', KEYS[1]) == 1 then
  for i = 2, 1 + 2 * n, 2 do
    if (redis.call('HGET', KEYS[1], ARGV[i]) or '') ~= ARGV[i + 1] then return E.EXISTS end
  end
  return {0, redis.call('HGET', KEYS[1], 'created')}
end
local fields = {}
for i = 2, 1 + 2 * n, 2 do
  if ARGV[i + 1] ~= '' then
    fields[#fields + 1] = ARGV[i]
    fields[#fields + 1] = ARGV[i + 1]
  end
end
for i = 3 + 2 * n, tags_start - 1, 2 do
  fields[#fields + 1] = ARGV[i]
  fields[#fields + 1] = ARGV[i + 1]
end
redis.call('HSET', KEYS[1], unpack(fields))
if #ARGV >= tags_start then redis.call('HSET', KEYS[2], unpack(ARGV, tags_start)) end
return {1, redis.call('HGET', KEYS[1], 'created')}

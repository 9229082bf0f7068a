-- Sets the field, value pairs ARGV[from..to] on the hash `key`; an empty value removes the field
-- (a setting cleared, an execution's output gone when it runs again).
local function set_fields(key, from, to)
  for i = from, to, 2 do
    if ARGV[i + 1] == '' then
      redis.call('HDEL', key, ARGV[i])
    else
      redis.call('HSET', key, ARGV[i], ARGV[i + 1])
    end
  end
end

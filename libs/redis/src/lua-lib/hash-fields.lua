-- Sets the field, value pairs ARGV[from..to] on the hash `key`, and the pairs in the table `extra`
-- (if any); an empty value in ARGV removes the field (a setting cleared, an execution's output gone
-- when it runs again). One HSET and one HDEL for all of them: each command a script calls costs its
-- own dispatch and its own entry in the append-only file.
local function set_fields(key, from, to, extra)
  local sets, gone = {}, {}
  for i = from, to, 2 do
    if ARGV[i + 1] == '' then
      gone[#gone + 1] = ARGV[i]
    else
      sets[#sets + 1] = ARGV[i]
      sets[#sets + 1] = ARGV[i + 1]
    end
  end
  if extra then
    for _, value in ipairs(extra) do sets[#sets + 1] = value end
  end
  if #sets > 0 then redis.call('HSET', key, unpack(sets)) end
  if #gone > 0 then redis.call('HDEL', key, unpack(gone)) end
end

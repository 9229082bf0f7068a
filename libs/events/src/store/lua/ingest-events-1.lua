-- Accepts events: appends each to the stream the routing workers read (consumer group 'rules').
-- KEYS[1]  the ingest stream
-- ARGV[1..] one accepted event each (JSON: account, id, time, source, detail-type, resources, detail)
-- Returns  how many were appended
for i = 1, #ARGV do
  redis.call('XADD', KEYS[1], '*', 'e', ARGV[i])
end
return #ARGV

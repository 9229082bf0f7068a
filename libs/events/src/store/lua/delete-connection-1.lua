-- Deletes a connection, answering its record.
-- KEYS[1]  hash of the connection
-- Returns  the record (JSON) it had, E.NOT_FOUND no such connection
local record = redis.call('HGET', KEYS[1], 'record')
if not record then return E.NOT_FOUND end
redis.call('DEL', KEYS[1])
return record

-- Sets queue attributes; an empty value removes the attribute (e.g. RedrivePolicy "").
-- KEYS[1]  meta hash of the queue
-- ARGV     name, value pairs
-- Returns  1 done, E.NOT_FOUND no such queue
-- @include hash-fields
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
set_fields(KEYS[1], 1, #ARGV)
return 1

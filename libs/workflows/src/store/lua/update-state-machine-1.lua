-- Changes an existing state machine's settings; a field given as '' is removed.
-- KEYS[1]  meta hash of the state machine
-- ARGV[1..]  field, value pairs
-- Returns  1, or E.NOT_FOUND no such state machine
-- @include hash-fields
if redis.call('EXISTS', KEYS[1]) == 0 then return E.NOT_FOUND end
set_fields(KEYS[1], 1, #ARGV)
return 1

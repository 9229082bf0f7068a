-- Moves a message-move task to a new status when it is in one of the expected ones.
-- KEYS[1]  the source queue's move-task hash (see start-move-task-1.lua)
-- ARGV[1]  task id, ARGV[2] new status, ARGV[3] comma-separated statuses it may leave, ARGV[4] failure reason or ''
-- Returns  1 changed, E.WRONG_STATE the task was not in an expected status, E.NOT_FOUND no such task
local status = redis.call('HGET', KEYS[1], ARGV[1] .. ':status')
if not status then return E.NOT_FOUND end
if not string.find(',' .. ARGV[3] .. ',', ',' .. status .. ',', 1, true) then return E.WRONG_STATE end
redis.call('HSET', KEYS[1], ARGV[1] .. ':status', ARGV[2])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], ARGV[1] .. ':failure', ARGV[4]) end
return 1

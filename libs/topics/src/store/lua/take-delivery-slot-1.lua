-- Takes one of a subscription's deliveries for the current second, under its throttle policy.
-- KEYS[1]  the subscription's delivery counter for the current second (it expires after 2 s)
-- ARGV[1]  maxReceivesPerSecond
-- Returns  1 the delivery may go now; 0 the second's deliveries are used up
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('PEXPIRE', KEYS[1], 2000) end
if used <= tonumber(ARGV[1]) then return 1 end
return 0

-- Counts a notification whose delivery to a subscription failed for good, for the console: dropped,
-- or sent to the subscription's dead-letter queue. A subscription deleted meanwhile is not counted,
-- so no counter outlives its subscription.
-- KEYS[1]  the topic's subscriptions (hash: id → subscription)
-- KEYS[2]  the topic's delivery-failure counters (hash: `<id>:failed`, `<id>:dead-lettered` → count)
-- ARGV[1]  subscription id
-- ARGV[2]  1 when the notification went to the dead-letter queue, else 0
-- Returns  1 counted, 0 no such subscription
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[2], ARGV[1] .. ':failed', 1)
if ARGV[2] == '1' then redis.call('HINCRBY', KEYS[2], ARGV[1] .. ':dead-lettered', 1) end
return 1

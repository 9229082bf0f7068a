-- Removes a subscription from its topic with its delivery-failure counters (a subscription that does
-- not exist is no error).
-- @include subscription-keys
-- KEYS[1..4]  meta, subscriptions, endpoints, confirmation tokens of the topic (subscription-keys)
-- KEYS[5]     the topic's delivery-failure counters (hash)
-- ARGV[1]  subscription id
-- Returns  {1, 1 when it had a filter policy else 0, the removed subscription's JSON} removed;
--          {0, 0} there was no such subscription
local raw = redis.call('HGET', SUBS, ARGV[1])
if not raw then return {0, 0} end
local sub = cjson.decode(raw)
redis.call('HDEL', SUBS, ARGV[1])
redis.call('HDEL', KEYS[5], ARGV[1] .. ':failed', ARGV[1] .. ':dead-lettered')
redis.call('HDEL', ENDPOINTS, sub.protocol .. '\n' .. sub.endpoint)
if sub.token ~= nil and sub.token ~= '' then redis.call('HDEL', TOKENS, sub.token) end
count_subscription(sub, -1)
subscriptions_changed()
redis.call('HINCRBY', META, 'subscriptions-deleted', 1)
local filtered = has_filter_policy(sub.attributes)
if filtered then redis.call('HINCRBY', META, 'filter-policies', -1) end
return {1, filtered and 1 or 0, raw}

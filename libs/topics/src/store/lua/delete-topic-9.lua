-- Deletes a topic with its tags, subscriptions and their delivery-failure counters.
-- @include subscription-keys
-- KEYS[1..4]  meta, subscriptions, endpoints, confirmation tokens of the topic (subscription-keys)
-- KEYS[5..8]  tags hash, published-messages stream, FIFO de-duplication hash and its expiry set
-- KEYS[9]     the subscriptions' delivery-failure counters (hash)
-- Returns  {filter policies the topic's subscriptions had, subscription id…}; {0} when there was no topic
local ids = redis.call('HKEYS', SUBS)
local filters = tonumber(redis.call('HGET', META, 'filter-policies') or '0')
redis.call('DEL', META, SUBS, ENDPOINTS, TOKENS, KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9])
local out = {filters}
for i = 1, #ids do out[#out + 1] = ids[i] end
return out

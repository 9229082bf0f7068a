-- Sets (or, with an empty value, removes) one attribute of a subscription.
-- @include subscription-keys
-- KEYS[1..4]  meta, subscriptions, endpoints, confirmation tokens of the topic (subscription-keys)
-- ARGV[1]  subscription id
-- ARGV[2]  attribute name
-- ARGV[3]  value ('' removes it)
-- ARGV[4]  the most subscriptions with a filter policy the topic may have
-- Returns  {1, change in the topic's filter policies: -1, 0 or 1}; E.NOT_FOUND no such subscription;
--          {E.LIMIT_EXCEEDED, 'filter-policies'} one filter policy too many for the topic
local raw = redis.call('HGET', SUBS, ARGV[1])
if not raw then return E.NOT_FOUND end
local sub = cjson.decode(raw)
local had = has_filter_policy(sub.attributes)
if ARGV[3] == '' then sub.attributes[ARGV[2]] = nil else sub.attributes[ARGV[2]] = ARGV[3] end
local has = has_filter_policy(sub.attributes)
local change = 0
if has and not had then
  if tonumber(redis.call('HGET', META, 'filter-policies') or '0') >= tonumber(ARGV[4]) then
    return {E.LIMIT_EXCEEDED, 'filter-policies'}
  end
  change = 1
elseif had and not has then
  change = -1
end
if change ~= 0 then redis.call('HINCRBY', META, 'filter-policies', change) end
redis.call('HSET', SUBS, ARGV[1], cjson.encode(sub))
subscriptions_changed()
return {1, change}

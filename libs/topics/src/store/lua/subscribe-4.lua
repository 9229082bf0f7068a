-- Subscribes an endpoint to a topic, or answers the existing subscription of that endpoint.
-- @include subscription-keys
-- KEYS[1..4]  meta, subscriptions, endpoints, confirmation tokens of the topic (subscription-keys)
-- ARGV[1]  endpoint key: "<protocol>\n<endpoint>"
-- ARGV[2]  id for a new subscription
-- ARGV[3]  the new subscription, JSON ({protocol, endpoint, owner, attributes, pending, token, tokenExpires, …})
-- ARGV[4]  the most subscriptions with a filter policy the topic may have
-- Returns  {1, id, pending} created; {0, id, pending} the endpoint was subscribed already with these attributes;
--          E.NOT_FOUND no such topic; {E.EXISTS} subscribed with different attributes;
--          {E.LIMIT_EXCEEDED, 'filter-policies'} one filter policy too many for the topic
if redis.call('EXISTS', META) == 0 then return E.NOT_FOUND end
local new = cjson.decode(ARGV[3])
local existing_id = redis.call('HGET', ENDPOINTS, ARGV[1])
if existing_id then
  local existing = cjson.decode(redis.call('HGET', SUBS, existing_id))
  for name, value in pairs(new.attributes) do
    if existing.attributes[name] ~= value then return {E.EXISTS} end
  end
  return {0, existing_id, existing.pending}
end
if has_filter_policy(new.attributes) then
  if tonumber(redis.call('HGET', META, 'filter-policies') or '0') >= tonumber(ARGV[4]) then
    return {E.LIMIT_EXCEEDED, 'filter-policies'}
  end
  redis.call('HINCRBY', META, 'filter-policies', 1)
end
redis.call('HSET', SUBS, ARGV[2], ARGV[3])
redis.call('HSET', ENDPOINTS, ARGV[1], ARGV[2])
if new.token ~= nil and new.token ~= '' then redis.call('HSET', TOKENS, new.token, ARGV[2]) end
count_subscription(new, 1)
subscriptions_changed()
return {1, ARGV[2], new.pending}

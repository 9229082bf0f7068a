-- Confirms the subscription a confirmation token was sent for.
-- @include subscription-keys
-- KEYS[1..4]  meta, subscriptions, endpoints, confirmation tokens of the topic (subscription-keys)
-- ARGV[1]  token
-- ARGV[2]  now (ms)
-- ARGV[3]  '1' when the confirmation was authenticated (signed by the topic's owner)
-- Returns  the subscription id; E.NOT_FOUND no topic; {E.NO_SUCH_ITEM} the token is unknown or expired
if redis.call('EXISTS', META) == 0 then return E.NOT_FOUND end
local id = redis.call('HGET', TOKENS, ARGV[1])
if not id then return {E.NO_SUCH_ITEM} end
local raw = redis.call('HGET', SUBS, id)
if not raw then return {E.NO_SUCH_ITEM} end
local sub = cjson.decode(raw)
if sub.pending == 1 then
  if tonumber(sub.tokenExpires) < tonumber(ARGV[2]) then return {E.NO_SUCH_ITEM} end
  count_subscription(sub, -1)
  sub.pending = 0
  sub.authenticated = tonumber(ARGV[3])
  count_subscription(sub, 1)
  redis.call('HSET', SUBS, id, cjson.encode(sub))
  subscriptions_changed()
end
return id

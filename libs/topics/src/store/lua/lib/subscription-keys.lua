-- The keys every subscription script takes, in this order.
local META, SUBS, ENDPOINTS, TOKENS = KEYS[1], KEYS[2], KEYS[3], KEYS[4]

-- Moves a subscription's count between pending and confirmed (`by` is 1 or -1).
local function count_subscription(sub, by)
  redis.call('HINCRBY', META, sub.pending == 1 and 'subs-pending' or 'subs-confirmed', by)
end

local function has_filter_policy(attributes)
  return attributes ~= nil and attributes.FilterPolicy ~= nil and attributes.FilterPolicy ~= ''
end

-- Tells fan-out workers that cache the topic's subscriptions to load them again.
local function subscriptions_changed()
  redis.call('HINCRBY', META, 'subs-version', 1)
end

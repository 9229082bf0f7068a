-- Aliases of a state machine, shared by the scripts that write them. An alias is a JSON record in
-- the machine's aliases hash (field: its name):
--   {"description": …, "routing": [{"version": "<n>", "weight": <0..100>}, …], "created": …, "updated": …}
-- with no description member when none was given.

-- Whether two routings send the same weights to the same versions (in any order).
local function same_routing(a, b)
  if #a ~= #b then return false end
  for _, x in ipairs(a) do
    local found = false
    for _, y in ipairs(b) do
      if x.version == y.version and x.weight == y.weight then found = true end
    end
    if not found then return false end
  end
  return true
end

-- The routing given as version, weight pairs in ARGV[from..], as a record holds it.
local function routing_from(from)
  local routing = {}
  for i = from, #ARGV, 2 do
    routing[#routing + 1] = {version = ARGV[i], weight = tonumber(ARGV[i + 1])}
  end
  return routing
end

-- The first version of a routing that the machine does not have, or nil when it has them all.
local function missing_version(records, routing)
  for _, route in ipairs(routing) do
    if redis.call('HEXISTS', records, route.version) == 0 then return route.version end
  end
  return nil
end

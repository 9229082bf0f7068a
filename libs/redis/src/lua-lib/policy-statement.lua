-- Adds or removes the statement labelled `label` (its Sid) in a decoded access policy, as the
-- AddPermission and RemovePermission of every service do. `statement_json` is the statement to add.
-- Returns nil when done, E.EXISTS when the label to add is in use, E.NO_SUCH_ITEM when the label to
-- remove is not there.
local function edit_policy_statement(policy, op, label, statement_json)
  if type(policy.Statement) ~= 'table' then policy.Statement = {} end
  if policy.Statement.Sid then policy.Statement = { policy.Statement } end
  local found = nil
  for i, statement in ipairs(policy.Statement) do
    if type(statement) == 'table' and statement.Sid == label then found = i end
  end
  if op == 'add' then
    if found then return E.EXISTS end
    table.insert(policy.Statement, cjson.decode(statement_json))
  else
    if not found then return E.NO_SUCH_ITEM end
    table.remove(policy.Statement, found)
  end
  return nil
end

-- wrk script: every request is one AWS JSON 1.0 SendMessageBatch of 10 entries to one queue.
-- Environment: SQS_QUEUE_URL (required), SQS_BODY_BYTES (message body size, default 100).
-- The request is built once per thread, so wrk spends no Lua time per request.
local queue_url = os.getenv("SQS_QUEUE_URL")
if not queue_url or queue_url == "" then
  error("SQS_QUEUE_URL is not set")
end
local body_bytes = tonumber(os.getenv("SQS_BODY_BYTES") or "100")

local entries = {}
for i = 0, 9 do
  local head = string.format('{"n":%d,"pad":"', i)
  local pad = string.rep("x", math.max(0, body_bytes - #head - 2))
  entries[#entries + 1] = string.format('{"Id":"m%d","MessageBody":"%s"}', i, head:gsub('"', '\\"') .. pad .. '\\"}')
end

local now = os.date("!%Y%m%dT%H%M%SZ")
wrk.method = "POST"
wrk.path = "/"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "AmazonSQS.SendMessageBatch"
wrk.headers["X-Amz-Date"] = now
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=bench/" .. now:sub(1, 8)
  .. "/us-east-1/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
  .. string.rep("0", 64)
wrk.body = '{"QueueUrl":"' .. queue_url .. '","Entries":[' .. table.concat(entries, ",") .. "]}"

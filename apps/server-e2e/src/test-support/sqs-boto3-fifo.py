"""FIFO flows driven by boto3 (query/XML protocol). Usage: sqs-boto3-fifo.py <endpoint>.
Asserts as it goes and prints a JSON summary for the Jest side."""
import json
import sys

import boto3

endpoint = sys.argv[1]
sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1")

url = sqs.create_queue(QueueName="boto-orders.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
first = sqs.send_message(QueueUrl=url, MessageBody="one", MessageGroupId="g1", MessageDeduplicationId="d-1")
again = sqs.send_message(QueueUrl=url, MessageBody="one", MessageGroupId="g1", MessageDeduplicationId="d-1")
assert again["MessageId"] == first["MessageId"], (first, again)
assert again["SequenceNumber"] == first["SequenceNumber"], (first, again)
sqs.send_message(QueueUrl=url, MessageBody="two", MessageGroupId="g1", MessageDeduplicationId="d-2")
sqs.send_message(QueueUrl=url, MessageBody="other", MessageGroupId="g2", MessageDeduplicationId="d-3")

head = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1, AttributeNames=["All"], ReceiveRequestAttemptId="a-1")["Messages"]
retry = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1, AttributeNames=["All"], ReceiveRequestAttemptId="a-1")["Messages"]
assert [m["ReceiptHandle"] for m in retry] == [m["ReceiptHandle"] for m in head], (head, retry)
assert head[0]["Body"] == "one" and head[0]["Attributes"]["MessageGroupId"] == "g1", head
blocked = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
assert [m["Body"] for m in blocked] == ["other"], blocked
sqs.delete_message(QueueUrl=url, ReceiptHandle=head[0]["ReceiptHandle"])
rest = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"]).get("Messages", [])
assert [m["Body"] for m in rest] == ["two"], rest

content = sqs.create_queue(
    QueueName="boto-content.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"}
)["QueueUrl"]
batch = sqs.send_message_batch(
    QueueUrl=content,
    Entries=[
        {"Id": "a", "MessageBody": "same", "MessageGroupId": "g"},
        {"Id": "b", "MessageBody": "same", "MessageGroupId": "g"},
    ],
)
ids = {e["Id"]: e["MessageId"] for e in batch["Successful"]}
assert ids["a"] == ids["b"], batch

errors = {}
for name, call in {
    "noGroup": lambda: sqs.send_message(QueueUrl=url, MessageBody="x", MessageDeduplicationId="x"),
    "noDedup": lambda: sqs.send_message(QueueUrl=url, MessageBody="x", MessageGroupId="g"),
    "delay": lambda: sqs.send_message(QueueUrl=url, MessageBody="x", MessageGroupId="g", MessageDeduplicationId="y", DelaySeconds=3),
}.items():
    try:
        call()
        errors[name] = None
    except sqs.exceptions.ClientError as e:
        errors[name] = e.response["Error"]["Code"]

print(json.dumps({"sequence": first["SequenceNumber"], "errors": errors}))

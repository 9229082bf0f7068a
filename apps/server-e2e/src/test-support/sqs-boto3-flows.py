"""SQS flows driven by boto3 against a Switchyard endpoint.

Usage: python3 sqs-boto3-flows.py <endpoint-url> <flow>
Each flow asserts what boto3 sees and prints one JSON object for the Jest side to check further.
A failed assertion exits non-zero with a traceback on stderr.
"""

import base64
import hashlib
import json
import struct
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
FLOW = sys.argv[2]
ACCOUNT = "000000000000"

sqs = boto3.client(
    "sqs",
    endpoint_url=ENDPOINT,
    region_name="us-east-1",
    aws_access_key_id="AKIDBOTO",
    aws_secret_access_key="secret",
    config=Config(retries={"max_attempts": 1, "mode": "standard"}),
)


def url_of(name):
    return f"{ENDPOINT}/{ACCOUNT}/{name}"


def arn_of(name):
    return f"arn:aws:sqs:us-east-1:{ACCOUNT}:{name}"


def md5_body(body):
    return hashlib.md5(body.encode("utf-8")).hexdigest()


def md5_attributes(attributes):
    """MD5OfMessageAttributes as the SQS developer guide specifies it."""
    digest = hashlib.md5()

    def prefixed(data):
        digest.update(struct.pack(">I", len(data)))
        digest.update(data)

    for name in sorted(attributes):
        value = attributes[name]
        prefixed(name.encode("utf-8"))
        prefixed(value["DataType"].encode("utf-8"))
        if "BinaryValue" in value:
            digest.update(b"\x02")
            prefixed(value["BinaryValue"])
        else:
            digest.update(b"\x01")
            prefixed(value["StringValue"].encode("utf-8"))
    return digest.hexdigest()


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError(f"{call.__name__} succeeded, expected an error")


def count(url, name="ApproximateNumberOfMessages"):
    return int(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=[name])["Attributes"][name])


def flow_queues():
    url = sqs.create_queue(QueueName="boto-a", Attributes={"VisibilityTimeout": "40"})["QueueUrl"]
    assert url == url_of("boto-a"), url
    sqs.create_queue(QueueName="boto-b")
    assert sqs.get_queue_url(QueueName="boto-a")["QueueUrl"] == url
    listed = sqs.list_queues(QueueNamePrefix="boto-")["QueueUrls"]
    assert listed == [url_of("boto-a"), url_of("boto-b")], listed

    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attrs["VisibilityTimeout"] == "40", attrs
    assert attrs["QueueArn"] == arn_of("boto-a"), attrs
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "3", "ReceiveMessageWaitTimeSeconds": "2"})
    changed = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["DelaySeconds", "ReceiveMessageWaitTimeSeconds"])["Attributes"]
    assert changed == {"DelaySeconds": "3", "ReceiveMessageWaitTimeSeconds": "2"}, changed

    sqs.tag_queue(QueueUrl=url, Tags={"team": "payments", "env": "test"})
    sqs.untag_queue(QueueUrl=url, TagKeys=["env"])
    tags = sqs.list_queue_tags(QueueUrl=url)["Tags"]
    assert tags == {"team": "payments"}, tags

    sqs.delete_queue(QueueUrl=url_of("boto-b"))
    code = error_code(sqs.get_queue_url, QueueName="boto-b")
    assert code == "AWS.SimpleQueueService.NonExistentQueue", code
    try:
        sqs.get_queue_url(QueueName="boto-b")
    except sqs.exceptions.QueueDoesNotExist:
        pass
    return {"attributes": attrs, "tags": tags, "queues": sqs.list_queues(QueueNamePrefix="boto-")["QueueUrls"]}


def flow_messages():
    url = sqs.create_queue(QueueName="boto-messages")["QueueUrl"]
    attributes = {
        "colour": {"DataType": "String", "StringValue": "blue"},
        "size.width": {"DataType": "Number", "StringValue": "12"},
        "size.height": {"DataType": "Number.int", "StringValue": "7"},
        "raw": {"DataType": "Binary", "BinaryValue": bytes([0, 1, 2, 250])},
    }
    body = "hello from boto3 ✓"
    sent = sqs.send_message(QueueUrl=url, MessageBody=body, MessageAttributes=attributes)
    assert sent["MD5OfMessageBody"] == md5_body(body), sent
    assert sent["MD5OfMessageAttributes"] == md5_attributes(attributes), sent

    batch = sqs.send_message_batch(
        QueueUrl=url,
        Entries=[{"Id": "b1", "MessageBody": "batch one"}, {"Id": "b2", "MessageBody": "batch two", "DelaySeconds": 0}],
    )
    assert sorted(e["Id"] for e in batch["Successful"]) == ["b1", "b2"], batch
    assert not batch.get("Failed"), batch

    # Only the named attributes (and a prefix.* wildcard) come back.
    got = sqs.receive_message(
        QueueUrl=url,
        MaxNumberOfMessages=10,
        WaitTimeSeconds=1,
        VisibilityTimeout=0,
        AttributeNames=["All"],
        MessageAttributeNames=["colour", "size.*"],
    )["Messages"]
    mine = [m for m in got if m["MessageId"] == sent["MessageId"]]
    if not mine:
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1, VisibilityTimeout=0,
                                  AttributeNames=["All"], MessageAttributeNames=["colour", "size.*"])["Messages"]
        mine = [m for m in got if m["MessageId"] == sent["MessageId"]]
    m = mine[0]
    selected = {k: v for k, v in attributes.items() if k != "raw"}
    assert m["MessageAttributes"] == selected, m["MessageAttributes"]
    assert m["Body"] == body and m["MD5OfBody"] == md5_body(body), m
    assert m["MD5OfMessageAttributes"] == md5_attributes(m["MessageAttributes"]), m
    assert m["Attributes"]["SenderId"] == "AKIDBOTO", m["Attributes"]
    others = [x for x in got if x["MessageId"] != sent["MessageId"]]
    assert all("MessageAttributes" not in x for x in others), others

    # Everything, including the binary value, with "All"; no message attributes when none are asked for.
    seen = {}
    deadline = time.time() + 10
    while len(seen) < 3 and time.time() < deadline:
        for x in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1,
                                     MessageAttributeNames=["All"], AttributeNames=["ApproximateReceiveCount"]).get("Messages", []):
            seen[x["MessageId"]] = x
    assert len(seen) == 3, seen
    full = seen[sent["MessageId"]]
    assert full["MessageAttributes"] == attributes, full["MessageAttributes"]
    assert full["MD5OfMessageAttributes"] == sent["MD5OfMessageAttributes"], full
    assert int(full["Attributes"]["ApproximateReceiveCount"]) >= 2, full

    # In flight: nothing to receive; releasing one brings exactly that one back.
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=full["ReceiptHandle"], VisibilityTimeout=0)
    again = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert [x["MessageId"] for x in again] == [sent["MessageId"]], again
    assert "MessageAttributes" not in again[0], again[0]

    changed = sqs.change_message_visibility_batch(
        QueueUrl=url,
        Entries=[{"Id": "c0", "ReceiptHandle": again[0]["ReceiptHandle"], "VisibilityTimeout": 60},
                 {"Id": "bad", "ReceiptHandle": "not-a-receipt-handle", "VisibilityTimeout": 60}],
    )
    assert [e["Id"] for e in changed["Successful"]] == ["c0"], changed
    assert changed["Failed"][0]["Id"] == "bad" and changed["Failed"][0]["Code"] == "ReceiptHandleIsInvalid", changed

    sqs.delete_message(QueueUrl=url, ReceiptHandle=again[0]["ReceiptHandle"])
    rest = [x for x in seen.values() if x["MessageId"] != sent["MessageId"]]
    deleted = sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": f"d{i}", "ReceiptHandle": x["ReceiptHandle"]} for i, x in enumerate(rest)])
    assert len(deleted["Successful"]) == 2 and not deleted.get("Failed"), deleted
    left = {n: count(url, n) for n in ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]}
    assert left == {"ApproximateNumberOfMessages": 0, "ApproximateNumberOfMessagesNotVisible": 0}, left

    sqs.send_message(QueueUrl=url, MessageBody="to be purged")
    sqs.purge_queue(QueueUrl=url)
    assert count(url) == 0
    code = error_code(sqs.purge_queue, QueueUrl=url)
    assert code == "AWS.SimpleQueueService.PurgeQueueInProgress", code
    return {"messageId": sent["MessageId"], "md5OfMessageAttributes": sent["MD5OfMessageAttributes"], "received": len(seen)}


def flow_redrive():
    dlq = sqs.create_queue(QueueName="boto-dlq")["QueueUrl"]
    source = sqs.create_queue(
        QueueName="boto-source",
        Attributes={"RedrivePolicy": json.dumps({"deadLetterTargetArn": arn_of("boto-dlq"), "maxReceiveCount": "2"})},
    )["QueueUrl"]
    policy = json.loads(sqs.get_queue_attributes(QueueUrl=source, AttributeNames=["RedrivePolicy"])["Attributes"]["RedrivePolicy"])
    assert policy["deadLetterTargetArn"] == arn_of("boto-dlq") and int(policy["maxReceiveCount"]) == 2, policy
    assert sqs.list_dead_letter_source_queues(QueueUrl=dlq)["queueUrls"] == [source]

    sent = sqs.send_message(QueueUrl=source, MessageBody="poison", MessageAttributes={"k": {"DataType": "String", "StringValue": "v"}})
    receives = []
    for _ in range(2):
        got = sqs.receive_message(QueueUrl=source, VisibilityTimeout=0, AttributeNames=["ApproximateReceiveCount"])["Messages"]
        receives.append(got[0]["Attributes"]["ApproximateReceiveCount"])
    assert receives == ["1", "2"], receives
    assert "Messages" not in sqs.receive_message(QueueUrl=source)

    dead = sqs.receive_message(QueueUrl=dlq, WaitTimeSeconds=2, AttributeNames=["All"], MessageAttributeNames=["All"])["Messages"]
    assert len(dead) == 1, dead
    assert dead[0]["MessageId"] == sent["MessageId"] and dead[0]["Body"] == "poison", dead
    assert dead[0]["Attributes"]["DeadLetterQueueSourceArn"] == arn_of("boto-source"), dead[0]["Attributes"]
    assert dead[0]["MessageAttributes"] == {"k": {"DataType": "String", "StringValue": "v"}}, dead[0]
    sqs.delete_message(QueueUrl=dlq, ReceiptHandle=dead[0]["ReceiptHandle"])
    return {"messageId": sent["MessageId"], "deadLetterSourceArn": dead[0]["Attributes"]["DeadLetterQueueSourceArn"]}


def flow_errors():
    url = sqs.create_queue(QueueName="boto-errors")["QueueUrl"]
    codes = {
        "missing": error_code(sqs.send_message, QueueUrl=url_of("boto-nope"), MessageBody="x"),
        "attributeValue": error_code(sqs.set_queue_attributes, QueueUrl=url, Attributes={"VisibilityTimeout": "-1"}),
        "attributeName": error_code(sqs.get_queue_attributes, QueueUrl=url, AttributeNames=["Colour"]),
        "delay": error_code(sqs.send_message, QueueUrl=url, MessageBody="x", DelaySeconds=901),
        "maxMessages": error_code(sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=11),
        "receipt": error_code(sqs.delete_message, QueueUrl=url, ReceiptHandle="not-a-receipt-handle"),
        "distinct": error_code(sqs.send_message_batch, QueueUrl=url,
                               Entries=[{"Id": "a", "MessageBody": "x"}, {"Id": "a", "MessageBody": "y"}]),
        "nameExists": error_code(sqs.create_queue, QueueName="boto-errors", Attributes={"VisibilityTimeout": "99"}),
    }
    assert count(url) == 0
    return codes


FLOWS = {"queues": flow_queues, "messages": flow_messages, "redrive": flow_redrive, "errors": flow_errors}

if __name__ == "__main__":
    print(json.dumps(FLOWS[FLOW]()))

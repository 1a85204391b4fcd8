"""The sandbox's quota throttling through botocore's own client and parser: Converse past a tokens-per-minute,
a requests-per-minute and a tokens-per-day quota (set low by the test), each refused with ThrottlingException,
HTTP 429 and AWS's message, and ConverseStream refused before its stream. One attempt per call
(AWS_MAX_ATTEMPTS=1). Prints {"ok": true, "checks": N} as its last line."""

import json
import os

import boto3
import botocore.exceptions

from checks import check, checked

runtime = boto3.client("bedrock-runtime", endpoint_url=os.environ["BKW_ENDPOINT"])
messages = [{"role": "user", "content": [{"text": "Hello there"}]}]


def throttled(name, call, message):
    try:
        call()
    except botocore.exceptions.ClientError as error:
        check(name + ": code", error.response["Error"]["Code"] == "ThrottlingException", error.response["Error"])
        check(name + ": message", error.response["Error"]["Message"] == message, error.response["Error"])
        check(name + ": HTTP 429", error.response["ResponseMetadata"]["HTTPStatusCode"] == 429, error.response["ResponseMetadata"])
        return
    raise AssertionError(f"{name}: expected ThrottlingException, but the call succeeded")


def converse(model):
    return lambda: runtime.converse(modelId=model, messages=messages, inferenceConfig={"maxTokens": 1})


throttled("tokens per minute", converse(os.environ["TOKENS_MODEL"]), "Too many tokens, please wait before trying again.")
converse(os.environ["REQUESTS_MODEL"])()
throttled("requests per minute", converse(os.environ["REQUESTS_MODEL"]), "Too many requests, please wait before trying again.")
throttled(
    "tokens per day (ConverseStream)",
    lambda: runtime.converse_stream(modelId=os.environ["DAY_MODEL"], messages=messages, inferenceConfig={"maxTokens": 1}),
    "Too many tokens per day, please wait before trying again.",
)

print(json.dumps({"ok": True, "checks": len(checked)}))

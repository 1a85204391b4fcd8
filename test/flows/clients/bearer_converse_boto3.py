"""Calls Bedrock Runtime with a long-term API key through boto3 (a client we did not write).

Reads everything from the environment (never argv: the key stays off the command line): BKW_ENDPOINT,
AWS_BEARER_TOKEN_BEDROCK (boto3 signs with the bearer token when it is set), BKW_ALLOWED and BKW_DENIED
(comma-separated model or profile ids). Prints one JSON line of what it checked and exits 0, or fails
with the first check that did not hold. test/flows/create-managed-e2e.test.ts runs it.
"""

import json
import os

import boto3
import botocore.exceptions

ENDPOINT = os.environ["BKW_ENDPOINT"]
REGION = "us-west-2"
runtime = boto3.client("bedrock-runtime", region_name=REGION, endpoint_url=ENDPOINT)
message = [{"role": "user", "content": [{"text": "Hi"}]}]
checked = []


def ids(name):
    return [value for value in os.environ.get(name, "").split(",") if value]


for model in ids("BKW_ALLOWED"):
    reply = runtime.converse(modelId=model, messages=message, inferenceConfig={"maxTokens": 1})
    if "output" not in reply:
        raise AssertionError(f"{model}: no output")
    checked.append(f"allowed {model}")

for model in ids("BKW_DENIED"):
    try:
        runtime.converse(modelId=model, messages=message, inferenceConfig={"maxTokens": 1})
    except botocore.exceptions.ClientError as error:
        code = error.response["Error"]["Code"]
        if code != "AccessDeniedException":
            raise AssertionError(f"{model}: expected AccessDeniedException, got {code}") from error
        checked.append(f"denied {model}")
        continue
    raise AssertionError(f"{model}: answered, but must be denied")

print(json.dumps({"checked": checked}))

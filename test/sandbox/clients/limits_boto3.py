"""IAM's limits and the attacks on the sandbox's time (issue 20), through boto3 (a client we did not write).

Reads the sandbox from the environment (never argv): BKW_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.
Prints one JSON line of what it checked and exits 0, or fails with the first check that did not hold.
test/sandbox/attacks-limits-clients.test.ts runs it.
"""

import json
import os
import time

import boto3
import botocore.config
import botocore.exceptions

iam = boto3.client(
    "iam",
    region_name="us-west-2",
    endpoint_url=os.environ["BKW_ENDPOINT"],
    config=botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"}),
)
from checks import check, checked, refused  # noqa: E402  (shared with the other client scripts)


def tags(count):
    return [{"Key": f"k{index}", "Value": f"v{index}"} for index in range(count)]


iam.create_user(UserName="boto-limits")

# 50 tags per user: 10,000 are refused as 51 are, and nothing is made.
refused("CreateUser with 10,000 tags", lambda: iam.create_user(UserName="boto-many", Tags=tags(10000)), "LimitExceeded", "TagsPerUser: 50")
refused("TagUser with 51 tags", lambda: iam.tag_user(UserName="boto-limits", Tags=tags(51)), "LimitExceeded", "TagsPerUser: 50")
iam.tag_user(UserName="boto-limits", Tags=tags(50))
check("50 tags kept", len(iam.list_user_tags(UserName="boto-limits", MaxItems=100)["Tags"]) == 50)
refused("UntagUser with 51 keys", lambda: iam.untag_user(UserName="boto-limits", TagKeys=[f"k{index}" for index in range(51)]), "ValidationError", "less than or equal to 50")
refused("no user from a refused create", lambda: iam.get_user(UserName="boto-many"), "NoSuchEntity")

# Policy sizes.
def policy_of_size(size):
    base = {"Version": "2012-10-17", "Statement": [{"Sid": "", "Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}]}
    empty = len(json.dumps(base, separators=(",", ":")))
    base["Statement"][0]["Sid"] = "S" * (size - empty)
    return json.dumps(base, separators=(",", ":"))


refused(
    "inline policy over 2,048",
    lambda: iam.put_user_policy(UserName="boto-limits", PolicyName="big", PolicyDocument=policy_of_size(2049)),
    "LimitExceeded",
    "2048",
)
refused("managed policy over 6,144", lambda: iam.create_policy(PolicyName="boto-big", PolicyDocument=policy_of_size(6145)), "LimitExceeded", "PolicySize: 6144")

# A pathological wildcard is answered at once, and correctly.
pattern = "arn:aws:iam::123456789012:" + "a*" * 40 + "b"
document = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": pattern}]})
started = time.monotonic()
answer = iam.simulate_custom_policy(PolicyInputList=[document], ActionNames=["iam:GetUser"], ResourceArns=["arn:aws:iam::123456789012:" + "a" * 2000])
elapsed = time.monotonic() - started
check("pathological pattern decided", answer["EvaluationResults"][0]["EvalDecision"] == "implicitDeny", str(answer["EvaluationResults"][0]))
# A generous bound on a whole boto3 round trip: the regular expression took seconds (17 s at 10 stars).
check("pathological pattern quick", elapsed < 2.0, f"{elapsed:.3f} s")
matching = iam.simulate_custom_policy(PolicyInputList=[document], ActionNames=["iam:GetUser"], ResourceArns=["arn:aws:iam::123456789012:" + "a" * 2000 + "b"])
check("the same pattern still matches what it should", matching["EvaluationResults"][0]["EvalDecision"] == "allowed")

# The simulator's own bound on work.
refused(
    "more than 10,000 evaluations",
    lambda: iam.simulate_custom_policy(
        PolicyInputList=[document], ActionNames=[f"iam:A{index}" for index in range(101)], ResourceArns=[f"arn:aws:iam::123456789012:user/u{index}" for index in range(100)]
    ),
    "ValidationError",
    "at most 10000",
)

print(json.dumps({"ok": True, "checks": len(checked)}))

"""Customer managed policies in the sandbox, driven by boto3 (a client we did not write).

Reads the sandbox from the environment (never argv: the secret stays off the command line):
BKW_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY. Prints one JSON line of what it checked and
exits 0, or fails with the first check that did not hold. test/sandbox/managed-policies-clients.test.ts
runs it; run it by hand against `npx tsx source/cli.tsx sandbox --port 0` the same way.
"""

import json
import os
import sys
import time

import boto3
import botocore.exceptions

ENDPOINT = os.environ["BKW_ENDPOINT"]
REGION = "us-west-2"
ACCOUNT = "123456789012"
NOVA = "amazon.nova-lite-v1:0"
NOVA_ARN = f"arn:aws:bedrock:{REGION}::foundation-model/{NOVA}"
NOVA_PRO = "amazon.nova-pro-v1:0"
from checks import check, checked, refused  # noqa: E402  (shared with the other client scripts)


def document(*resources, actions=("bedrock:InvokeModel",)):
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": list(actions), "Resource": list(resources)}],
        }
    )


def client(service, key=None, secret=None):
    return boto3.client(
        service,
        endpoint_url=ENDPOINT,
        region_name=REGION,
        aws_access_key_id=key or os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=secret or os.environ["AWS_SECRET_ACCESS_KEY"],
        config=botocore.config.Config(retries={"max_attempts": 1}),
    )


iam = client("iam")
suffix = str(int(time.time() * 1000))
user = f"boto-{suffix}"
name = f"bkw-{suffix}"
iam.create_user(UserName=user)

# CreatePolicy, GetPolicy, tags, duplicates, size.
created = iam.create_policy(
    PolicyName=name,
    Path="/bedrock-key-wizard/",
    PolicyDocument=document(NOVA_ARN, actions=("bedrock:InvokeModel", "bedrock:CallWithBearerToken")),
    Description="made by boto3",
    Tags=[{"Key": "bedrock-key-wizard:managed", "Value": "true"}],
)["Policy"]
arn = created["Arn"]
check("CreatePolicy ARN", arn == f"arn:aws:iam::{ACCOUNT}:policy/bedrock-key-wizard/{name}", arn)
check("CreatePolicy v1 default", created["DefaultVersionId"] == "v1" and created["PolicyId"].startswith("ANPA"))
got = iam.get_policy(PolicyArn=arn)["Policy"]
check("GetPolicy", got["PolicyName"] == name and got["Path"] == "/bedrock-key-wizard/" and got["AttachmentCount"] == 0)
check("GetPolicy tags", got.get("Tags") == [{"Key": "bedrock-key-wizard:managed", "Value": "true"}], got.get("Tags"))
refused(
    "CreatePolicy duplicate",
    lambda: iam.create_policy(PolicyName=name, PolicyDocument=document(NOVA_ARN)),
    "EntityAlreadyExists",
    message=f"A policy called {name} already exists. Duplicate names are not allowed.",
)
big = document(*[f"arn:aws:bedrock:{REGION}::foundation-model/model-{index:04d}" for index in range(130)])
refused("CreatePolicy 6,144", lambda: iam.create_policy(PolicyName=name + "-big", PolicyDocument=big), "LimitExceeded", message="Cannot exceed quota for PolicySize: 6144")
refused("CreatePolicy malformed", lambda: iam.create_policy(PolicyName=name + "-bad", PolicyDocument='{"Version":'), "MalformedPolicyDocument")
refused("GetPolicy unknown", lambda: iam.get_policy(PolicyArn=arn + "-nope"), "NoSuchEntity", message=f"Policy {arn}-nope was not found.")

iam.tag_policy(PolicyArn=arn, Tags=[{"Key": "team", "Value": "ml"}])
iam.untag_policy(PolicyArn=arn, TagKeys=["team"])
check("TagPolicy / UntagPolicy / ListPolicyTags", iam.list_policy_tags(PolicyArn=arn)["Tags"] == [{"Key": "bedrock-key-wizard:managed", "Value": "true"}])

# ListPolicies: Scope, PathPrefix, OnlyAttached.
local = iam.list_policies(Scope="Local", PathPrefix="/bedrock-key-wizard/")["Policies"]
check(
    "ListPolicies Local + PathPrefix",
    arn in [policy["Arn"] for policy in local] and all(policy["Path"] == "/bedrock-key-wizard/" for policy in local),
    local,
)
aws_only = [policy["PolicyName"] for policy in iam.list_policies(Scope="AWS")["Policies"]]
check("ListPolicies AWS", "AmazonBedrockLimitedAccess" in aws_only and name not in aws_only, aws_only)
check("ListPolicies OnlyAttached before attach", name not in [p["PolicyName"] for p in iam.list_policies(OnlyAttached=True)["Policies"]])

# Attach and the evaluations that must see the default version.
iam.attach_user_policy(UserName=user, PolicyArn=arn)
attached = iam.list_attached_user_policies(UserName=user)["AttachedPolicies"]
check("ListAttachedUserPolicies", attached == [{"PolicyName": name, "PolicyArn": arn}], attached)
check("ListPolicies OnlyAttached", name in [p["PolicyName"] for p in iam.list_policies(OnlyAttached=True, Scope="Local")["Policies"]])
entities = iam.list_entities_for_policy(PolicyArn=arn)
check("ListEntitiesForPolicy", [entry["UserName"] for entry in entities["PolicyUsers"]] == [user] and entities["PolicyRoles"] == [], entities)


def simulate(resource):
    result = iam.simulate_principal_policy(
        PolicySourceArn=f"arn:aws:iam::{ACCOUNT}:user/{user}", ActionNames=["bedrock:InvokeModel"], ResourceArns=[resource]
    )["EvaluationResults"][0]
    return result


sim = simulate(NOVA_ARN)
check("SimulatePrincipalPolicy allowed by v1", sim["EvalDecision"] == "allowed", sim)
check(
    "SimulatePrincipalPolicy source",
    sim["MatchedStatements"][0]["SourcePolicyId"] == name and sim["MatchedStatements"][0]["SourcePolicyType"] == "user-managed",
    sim["MatchedStatements"],
)
check("SimulatePrincipalPolicy Nova Pro denied by v1", simulate(f"arn:aws:bedrock:{REGION}::foundation-model/{NOVA_PRO}")["EvalDecision"] == "implicitDeny")

# The user's own access key at runtime: Nova answers (after IAM's propagation delay), Nova Pro is refused.
key = iam.create_access_key(UserName=user)["AccessKey"]
runtime = client("bedrock-runtime", key["AccessKeyId"], key["SecretAccessKey"])
message = [{"role": "user", "content": [{"text": "hi"}]}]


def converse(model, until_ok=False):
    deadline = time.time() + 20
    while True:
        try:
            runtime.converse(modelId=model, messages=message, inferenceConfig={"maxTokens": 1})
            return "ok"
        except botocore.exceptions.ClientError as error:
            code = error.response["Error"]["Code"]
            # A new key and a new policy reach Bedrock only after IAM's propagation delay.
            if until_ok and code in ("AccessDeniedException", "UnrecognizedClientException") and time.time() < deadline:
                time.sleep(0.25)
                continue
            return f"{code}: {error.response['Error'].get('Message')}"


answer = converse(NOVA, until_ok=True)
check("Converse Nova through v1", answer == "ok", answer)
answer = converse(NOVA_PRO)
check("Converse Nova Pro refused by v1", answer.startswith("AccessDeniedException") and "because no identity-based policy allows" in answer, answer)

# Versions: v2 (not default) changes nothing; SetDefaultPolicyVersion does.
v2 = iam.create_policy_version(PolicyArn=arn, PolicyDocument=document(f"arn:aws:bedrock:{REGION}::foundation-model/{NOVA_PRO}"))["PolicyVersion"]
check("CreatePolicyVersion v2", v2["VersionId"] == "v2" and v2["IsDefaultVersion"] is False, v2)
check("non-default v2 not in force", simulate(NOVA_ARN)["EvalDecision"] == "allowed")
iam.set_default_policy_version(PolicyArn=arn, VersionId="v2")
check("SetDefaultPolicyVersion", iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v2")
check("default v2 in force (simulation)", simulate(NOVA_ARN)["EvalDecision"] == "implicitDeny")
fetched = iam.get_policy_version(PolicyArn=arn, VersionId="v2")["PolicyVersion"]
# botocore decodes IAM's URL-encoded policy documents into objects.
check(
    "GetPolicyVersion document",
    fetched["Document"]["Statement"][0]["Resource"] == [f"arn:aws:bedrock:{REGION}::foundation-model/{NOVA_PRO}"] and fetched["IsDefaultVersion"],
    fetched,
)
for number in (3, 4, 5):
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=document(NOVA_ARN), SetAsDefault=(number == 5))
versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
check("ListPolicyVersions newest first", [v["VersionId"] for v in versions] == ["v5", "v4", "v3", "v2", "v1"], versions)
check("ListPolicyVersions default", [v["VersionId"] for v in versions if v["IsDefaultVersion"]] == ["v5"])
refused(
    "CreatePolicyVersion sixth",
    lambda: iam.create_policy_version(PolicyArn=arn, PolicyDocument=document(NOVA_ARN)),
    "LimitExceeded",
    message="A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.",
)
refused("DeletePolicyVersion default", lambda: iam.delete_policy_version(PolicyArn=arn, VersionId="v5"), "DeleteConflict", message="Cannot delete the default version of a policy.")
refused("GetPolicyVersion unknown", lambda: iam.get_policy_version(PolicyArn=arn, VersionId="v9"), "NoSuchEntity")

# DeletePolicy: refused while attached, then while other versions remain.
refused("DeletePolicy attached", lambda: iam.delete_policy(PolicyArn=arn), "DeleteConflict", message="Cannot delete a policy attached to entities.")
refused("DeleteUser with policy attached", lambda: iam.delete_user(UserName=user), "DeleteConflict")
iam.detach_user_policy(UserName=user, PolicyArn=arn)
refused("DetachUserPolicy again", lambda: iam.detach_user_policy(UserName=user, PolicyArn=arn), "NoSuchEntity")
refused(
    "DeletePolicy with versions",
    lambda: iam.delete_policy(PolicyArn=arn),
    "DeleteConflict",
    message="This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
)
for version in ("v1", "v2", "v3", "v4"):
    iam.delete_policy_version(PolicyArn=arn, VersionId=version)
iam.delete_policy(PolicyArn=arn)
refused("GetPolicy after DeletePolicy", lambda: iam.get_policy(PolicyArn=arn), "NoSuchEntity")

# Quotas of a user: 10 managed policies, 2,048 characters of inline policies together.
arns = [
    iam.create_policy(PolicyName=f"{name}-{index}", Path="/quota/", PolicyDocument=document(NOVA_ARN))["Policy"]["Arn"] for index in range(11)
]
for index in range(10):
    iam.attach_user_policy(UserName=user, PolicyArn=arns[index])
refused("AttachUserPolicy eleventh", lambda: iam.attach_user_policy(UserName=user, PolicyArn=arns[10]), "LimitExceeded", message="Cannot exceed quota for PoliciesPerUser: 10")
refused(
    "AttachUserPolicy unknown",
    lambda: iam.attach_user_policy(UserName=user, PolicyArn=f"arn:aws:iam::{ACCOUNT}:policy/none"),
    "NoSuchEntity",
    message=f"Policy arn:aws:iam::{ACCOUNT}:policy/none does not exist or is not attachable.",
)
for index in range(10):
    iam.detach_user_policy(UserName=user, PolicyArn=arns[index])
for policy_arn in arns:
    iam.delete_policy(PolicyArn=policy_arn)

half = document(*[f"arn:aws:bedrock:{REGION}::foundation-model/m-{index:02d}" for index in range(20)])
size = len("".join(half.split()))
check("more than half of the inline budget", 1024 < size <= 2048, size)
iam.put_user_policy(UserName=user, PolicyName="first", PolicyDocument=half)
refused("PutUserPolicy over the user's 2,048", lambda: iam.put_user_policy(UserName=user, PolicyName="second", PolicyDocument=half), "LimitExceeded", message=f"Maximum policy size of 2048 bytes exceeded for user {user}")
iam.put_user_policy(UserName=user, PolicyName="first", PolicyDocument=json.dumps(json.loads(half), indent=8))
check("whitespace is not counted", True)
iam.delete_user_policy(UserName=user, PolicyName="first")
iam.delete_access_key(UserName=user, AccessKeyId=key["AccessKeyId"])
iam.delete_user(UserName=user)

print(json.dumps({"ok": True, "checks": len(checked)}))
sys.exit(0)

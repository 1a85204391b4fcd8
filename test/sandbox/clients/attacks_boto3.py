"""The sandbox's refusals (issue 20), seen through botocore's own signer (a client we did not write).

Reads the sandbox from the environment (never argv): BKW_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
and KEY_USER_ACCESS_KEY_ID / KEY_USER_SECRET_ACCESS_KEY (a user allowed to call Bedrock with an API key).
Prints one JSON line of what it checked and exits 0, or fails with the first check that did not hold.
test/sandbox/attacks-clients.test.ts runs it.
"""

import base64
import hashlib
import json
import os
import urllib.error
import urllib.request

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.credentials
import botocore.exceptions

ENDPOINT = os.environ["BKW_ENDPOINT"]
REGION = "us-west-2"
ADMIN = botocore.credentials.Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"])
KEY_USER = botocore.credentials.Credentials(os.environ["KEY_USER_ACCESS_KEY_ID"], os.environ["KEY_USER_SECRET_ACCESS_KEY"])
MODEL = "amazon.nova-lite-v1:0"
from checks import check, checked, refused  # noqa: E402  (shared with the other client scripts)


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def client(service, region=REGION, endpoint=ENDPOINT, **extra):
    return boto3.client(
        service,
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id=ADMIN.access_key,
        aws_secret_access_key=ADMIN.secret_key,
        config=botocore.config.Config(retries={"max_attempts": 1}),
        **extra,
    )


def user_exists(name):
    try:
        client("iam").get_user(UserName=name)
        return True
    except botocore.exceptions.ClientError:
        return False


# 1. botocore presigns a Query operation as a POST of an empty body: such a URL works...
url = client("sts").generate_presigned_url("get_caller_identity", ExpiresIn=60)
status, text = http("POST", url, b"")
check("a botocore-presigned STS URL works", status == 200 and "<Arn>arn:aws:iam::123456789012:user/sandbox-admin</Arn>" in text, f"{status} {text[:200]}")
status, text = http("GET", url)
check("...with the method it was signed for only", status == 403 and "<Code>SignatureDoesNotMatch</Code>" in text, f"{status} {text[:200]}")

# ...and an IAM URL presigned for ListUsers cannot carry a CreateUser body.
url = client("iam").generate_presigned_url("list_users", ExpiresIn=60)
status, text = http("POST", url, b"Action=CreateUser&UserName=mallory&Version=2010-05-08", {"Content-Type": "application/x-www-form-urlencoded"})
check("a presigned ListUsers URL with a CreateUser body is refused", status == 403 and "<Code>SignatureDoesNotMatch</Code>" in text, f"{status} {text[:200]}")
check("no user was made by the presigned URL", not user_exists("mallory"))

# 2. A ListUsers signed by botocore's SigV4Auth, replayed with a CreateUser body and the original body's hash.
original = "Action=ListUsers&Version=2010-05-08"
request = botocore.awsrequest.AWSRequest(method="POST", url=ENDPOINT + "/", data=original, headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
botocore.auth.SigV4Auth(ADMIN, "iam", REGION).add_auth(request)
headers = dict(request.headers.items())
status, _ = http("POST", ENDPOINT + "/", original.encode(), headers)
check("the captured ListUsers itself works", status == 200, str(status))
forged = dict(headers, **{"X-Amz-Content-SHA256": hashlib.sha256(original.encode()).hexdigest()})
status, text = http("POST", ENDPOINT + "/", b"Action=CreateUser&UserName=mallory2&Version=2010-05-08", forged)
check("the body swap is refused", status == 403 and "<Code>SignatureDoesNotMatch</Code>" in text, f"{status} {text[:200]}")
check("no user was made by the body swap", not user_exists("mallory2"))

# 3. A session token with a long-term key.
refused(
    "a made-up session token on a long-term key (STS)",
    lambda: client("sts", aws_session_token="FwoGZXIvYXdzEBogus").get_caller_identity(),
    "InvalidClientTokenId",
    "The security token included in the request is invalid.",
)
refused(
    "a made-up session token on a long-term key (Bedrock Runtime)",
    lambda: client("bedrock-runtime", aws_session_token="bogus").converse(modelId=MODEL, messages=[{"role": "user", "content": [{"text": "hi"}]}]),
    "UnrecognizedClientException",
)

# 4. The Region of the signature against the endpoint's.
refused(
    "eu-west-1 signature on the us-west-2 endpoint (STS)",
    lambda: client("sts", region="eu-west-1", endpoint=ENDPOINT + "/region/us-west-2").get_caller_identity(),
    "SignatureDoesNotMatch",
    "Credential should be scoped to a valid region, not 'eu-west-1'.",
)
refused(
    "eu-west-1 signature on the us-west-2 endpoint (Bedrock Runtime)",
    lambda: client("bedrock-runtime", region="eu-west-1", endpoint=ENDPOINT + "/region/us-west-2").converse(
        modelId=MODEL, messages=[{"role": "user", "content": [{"text": "hi"}]}]
    ),
    "InvalidSignatureException",
    "Credential should be scoped to a valid region",
)
check("the matching Region works", client("sts", endpoint=ENDPOINT + "/region/us-west-2").get_caller_identity()["Account"] == "123456789012")


# 5. A short-term key made as the Python token generator makes it (botocore's SigV4QueryAuth).
def short_term_key(credentials, expires, region=REGION):
    request = botocore.awsrequest.AWSRequest(method="POST", url="https://bedrock.amazonaws.com/", headers={"host": "bedrock.amazonaws.com"}, params={"Action": "CallWithBearerToken"})
    botocore.auth.SigV4QueryAuth(credentials, "bedrock", region, expires=expires).add_auth(request)
    url = request.url.replace("https://", "", 1) + "&Version=1"
    return "bedrock-api-key-" + base64.b64encode(url.encode()).decode()


def converse_with(token, region=REGION):
    body = json.dumps({"messages": [{"role": "user", "content": [{"text": "hi"}]}]}).encode()
    path = "/model/" + urllib.request.quote(MODEL, safe="") + "/converse"
    return http("POST", f"{ENDPOINT}/region/{region}{path}", body, {"Authorization": "Bearer " + token, "Content-Type": "application/json"})


status, text = converse_with(short_term_key(KEY_USER, 600))
check("a botocore-made short-term key works", status == 200 and '"role":"assistant"' in text.replace(" ", ""), f"{status} {text[:200]}")
status, text = converse_with(short_term_key(KEY_USER, 43201))
check("a botocore-made short-term key over 43,200 s is refused", status == 403 and "security token included in the request is invalid" in text, f"{status} {text[:200]}")
status, text = converse_with(short_term_key(KEY_USER, 600, region="us-east-1"))
check("a us-east-1 short-term key on the us-west-2 endpoint is refused", status == 403 and "Credential should be scoped to a valid region" in text, f"{status} {text[:200]}")

# 6. Control characters in tags.
iam = client("iam")
iam.create_user(UserName="tagged")
refused(
    "U+202E in a tag value",
    lambda: iam.tag_user(UserName="tagged", Tags=[{"Key": "note", "Value": "evil\u202etxt"}]),
    "ValidationError",
    "at 'tags.1.member.value' failed to satisfy constraint",
)
refused("NUL in a tag key", lambda: iam.tag_user(UserName="tagged", Tags=[{"Key": "a\u0000b", "Value": "x"}]), "ValidationError")
check("ListUserTags still parses", iam.list_user_tags(UserName="tagged")["Tags"] == [])

print(json.dumps({"ok": True, "checks": len(checked)}))

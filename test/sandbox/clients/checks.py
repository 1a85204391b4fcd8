"""What the sandbox's client scripts share: a list of the checks that held, and a refusal expected in AWS's
words (the error code, and the message exactly or a part of it). A failed check raises, so the script
exits non-zero and the test that ran it fails with the reason."""

import botocore.exceptions

checked = []


def check(name, condition, detail=""):
    if not condition:
        raise AssertionError(f"{name}: {detail}")
    checked.append(name)


def refused(name, call, code, contains=None, message=None):
    try:
        call()
    except botocore.exceptions.ClientError as error:
        got = error.response["Error"]
        check(name, got["Code"] == code, f"expected {code}, got {got['Code']}: {got.get('Message')}")
        if contains is not None:
            check(name + " (message)", contains in got.get("Message", ""), f"got {got.get('Message')!r}")
        if message is not None:
            check(name + " (message)", got.get("Message") == message, f"got {got.get('Message')!r}")
        return
    raise AssertionError(f"{name}: expected {code}, but the call succeeded")

"""Service Quotas for Amazon Bedrock in the sandbox, through botocore's own client, signer and parser:
the quotas AWS names per model, one read by code, an increase filed (PENDING, the value unchanged) and
listed in the history, and AWS's refusals. Prints {"ok": true, "checks": N, ...} as its last line."""

import json
import os

import boto3

from checks import check, checked, refused

quotas = boto3.client("service-quotas", endpoint_url=os.environ["BKW_ENDPOINT"])
model = os.environ["QUOTA_MODEL_NAME"]

listed = []
for page in quotas.get_paginator("list_service_quotas").paginate(ServiceCode="bedrock", PaginationConfig={"PageSize": 50}):
    listed.extend(page["Quotas"])
check("many quotas over pages", len(listed) > 50, len(listed))
names = {quota["QuotaName"]: quota for quota in listed}
cross = names.get(f"Cross-Region InvokeModel tokens per minute for {model}")
check("the cross-Region tokens-per-minute quota of the model", cross is not None, sorted(names)[:5])
for title in ["On-demand InvokeModel tokens per minute", "On-demand InvokeModel requests per minute", "Cross-Region InvokeModel requests per minute", "Model invocation max tokens per day"]:
    check(title, f"{title} for {model}" in names)
check("quota code shape", cross["QuotaCode"].startswith("L-") and len(cross["QuotaCode"]) == 10, cross["QuotaCode"])
check("value as set", cross["Value"] == float(os.environ["QUOTA_VALUE"]), cross["Value"])
check("adjustable", cross["Adjustable"] is True)

got = quotas.get_service_quota(ServiceCode="bedrock", QuotaCode=cross["QuotaCode"])["Quota"]
check("get by code", got["QuotaName"] == cross["QuotaName"] and got["QuotaArn"].startswith("arn:aws:servicequotas:"), got)

asked = quotas.request_service_quota_increase(ServiceCode="bedrock", QuotaCode=cross["QuotaCode"], DesiredValue=200000.0)["RequestedQuota"]
check("increase filed, pending", asked["Status"] == "PENDING" and asked["DesiredValue"] == 200000.0, asked)
check("not automatic", quotas.get_service_quota(ServiceCode="bedrock", QuotaCode=cross["QuotaCode"])["Quota"]["Value"] == cross["Value"])
history = quotas.list_requested_service_quota_change_history(ServiceCode="bedrock")["RequestedQuotas"]
check("in the history", [entry["Id"] for entry in history] == [asked["Id"]], history)

refused("a second pending request", lambda: quotas.request_service_quota_increase(ServiceCode="bedrock", QuotaCode=cross["QuotaCode"], DesiredValue=300000.0), "ResourceAlreadyExistsException")
refused("no such quota", lambda: quotas.get_service_quota(ServiceCode="bedrock", QuotaCode="L-00000000"), "NoSuchResourceException")
refused("no such service", lambda: quotas.list_service_quotas(ServiceCode="nosuch"), "NoSuchResourceException")

print(json.dumps({"ok": True, "checks": len(checked), "code": cross["QuotaCode"], "request": asked["Id"]}))

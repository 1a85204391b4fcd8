"""CloudTrail's event history in the sandbox, through botocore's own client, signer and parser: a seat's
Bedrock Runtime calls by user name (newest first, AWS's event shape with the IAM user in userIdentity), pages
through the paginator, a time window, and AWS's refusals. Prints {"ok": true, "checks": N} as its last line."""

import datetime
import json
import os

import boto3

from checks import check, checked, refused

trail = boto3.client("cloudtrail", endpoint_url=os.environ["BKW_ENDPOINT"])
user = os.environ["SEAT_USER"]
calls = int(os.environ["SEAT_CALLS"])

by_user = trail.lookup_events(LookupAttributes=[{"AttributeKey": "Username", "AttributeValue": user}])["Events"]
check("every call of the seat", len(by_user) == calls, len(by_user))
check("newest first", [e["EventTime"] for e in by_user] == sorted([e["EventTime"] for e in by_user], reverse=True))
first = by_user[0]
check("event source", first["EventSource"] == "bedrock.amazonaws.com", first)
check("event name", first["EventName"] in ("Converse", "InvokeModel"), first["EventName"])
check("user name", first["Username"] == user, first)
check("time is a timestamp", isinstance(first["EventTime"], datetime.datetime), type(first["EventTime"]))
record = json.loads(first["CloudTrailEvent"])
check("IAM user identity", record["userIdentity"]["type"] == "IAMUser" and record["userIdentity"]["userName"] == user, record["userIdentity"])
check("management event", record["managementEvent"] is True and record["eventCategory"] == "Management", record)
check("model named", record["requestParameters"]["modelId"] != "", record["requestParameters"])
refused_events = [json.loads(e["CloudTrailEvent"]) for e in by_user if "errorCode" in json.loads(e["CloudTrailEvent"])]
check("a refused call carries AWS's error code", [e["errorCode"] for e in refused_events] == ["AccessDeniedException"], refused_events)

pages = list(trail.get_paginator("lookup_events").paginate(
    LookupAttributes=[{"AttributeKey": "EventSource", "AttributeValue": "bedrock.amazonaws.com"}], PaginationConfig={"PageSize": 2}))
paged = [e["EventId"] for page in pages for e in page["Events"]]
check("pages of two", len(pages) >= 2 and all(len(page["Events"]) <= 2 for page in pages), [len(page["Events"]) for page in pages])
check("paging loses and repeats nothing", len(paged) == len(set(paged)) and set(e["EventId"] for e in by_user) <= set(paged), paged)

later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
check("nothing after now", trail.lookup_events(StartTime=later, EndTime=later + datetime.timedelta(hours=1))["Events"] == [])
check("by event name", all(e["EventName"] == "Converse" for e in trail.lookup_events(LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "Converse"}])["Events"]))

refused("two lookup attributes", lambda: trail.lookup_events(LookupAttributes=[
    {"AttributeKey": "Username", "AttributeValue": user}, {"AttributeKey": "EventName", "AttributeValue": "Converse"}]), "InvalidLookupAttributesException")
refused("more than 50 results", lambda: trail.lookup_events(MaxResults=51), "InvalidMaxResultsException")
refused("start after end", lambda: trail.lookup_events(StartTime=later, EndTime=later - datetime.timedelta(hours=2)), "InvalidTimeRangeException")
refused("a token of other parameters", lambda: trail.lookup_events(
    LookupAttributes=[{"AttributeKey": "Username", "AttributeValue": user}], NextToken=pages[0]["NextToken"]), "InvalidNextTokenException")

print(json.dumps({"ok": True, "checks": len(checked)}))

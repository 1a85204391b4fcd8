"""AWS Budgets and IAM roles in the sandbox, through botocore's own clients, signer and parser: an execution
role that Budgets may assume and its inline policy, a cost budget and an APPLY_IAM_POLICY action, the spend
set through the control route (as billing data would) so the action runs and attaches the policy to the
user, then everything deleted again, with AWS's refusals on the way. Prints {"ok": true, "checks": N} last."""

import json
import os
import urllib.request

import boto3

from checks import check, checked, refused

endpoint = os.environ["BKW_ENDPOINT"]
account = os.environ["ACCOUNT_ID"]
user = os.environ["SEAT_USER"]
iam = boto3.client("iam", endpoint_url=endpoint)
budgets = boto3.client("budgets", endpoint_url=endpoint, region_name="us-east-1")

trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "budgets.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
role = iam.create_role(RoleName="budget-action", Path="/bkw/", AssumeRolePolicyDocument=json.dumps(trust), Tags=[{"Key": "purpose", "Value": "test"}])["Role"]
check("role ARN with its path", role["Arn"] == f"arn:aws:iam::{account}:role/bkw/budget-action", role["Arn"])
check("role id shape", role["RoleId"].startswith("AROA"), role["RoleId"])
check("trust policy as given", role["AssumeRolePolicyDocument"] == trust, role["AssumeRolePolicyDocument"])
refused("a second role of that name", lambda: iam.create_role(RoleName="Budget-Action", AssumeRolePolicyDocument=json.dumps(trust)), "EntityAlreadyExists")
refused("a trust policy without a Principal", lambda: iam.create_role(RoleName="other", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole"}]})), "MalformedPolicyDocument")
refused("no such role", lambda: iam.get_role(RoleName="nosuch"), "NoSuchEntity", message="The role with name nosuch cannot be found.")

deny = iam.create_policy(PolicyName="deny-bedrock", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["bedrock:*", "bedrock-mantle:*"], "Resource": "*"}]}))["Policy"]["Arn"]
allow_attach = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["iam:AttachUserPolicy", "iam:DetachUserPolicy"],
            "Resource": f"arn:aws:iam::{account}:user/{user}",
            "Condition": {"ArnEquals": {"iam:PolicyARN": deny}},
        }
    ],
}
iam.put_role_policy(RoleName="budget-action", PolicyName="apply-deny", PolicyDocument=json.dumps(allow_attach))
check("role policy listed", iam.list_role_policies(RoleName="budget-action")["PolicyNames"] == ["apply-deny"])
check("role policy read back", iam.get_role_policy(RoleName="budget-action", PolicyName="apply-deny")["PolicyDocument"] == allow_attach)
check("role read with its tags", iam.get_role(RoleName="budget-action")["Role"]["Tags"] == [{"Key": "purpose", "Value": "test"}])
refused("a role with policies cannot be deleted", lambda: iam.delete_role(RoleName="budget-action"), "DeleteConflict", message="Cannot delete entity, must delete policies first.")

budget = {"BudgetName": "bkw-test", "BudgetLimit": {"Amount": "100", "Unit": "USD"}, "TimeUnit": "MONTHLY", "BudgetType": "COST"}
budgets.create_budget(AccountId=account, Budget=budget)
refused("a second budget of that name", lambda: budgets.create_budget(AccountId=account, Budget=budget), "DuplicateRecordException")
refused("a limit that is not a number", lambda: budgets.create_budget(AccountId=account, Budget={**budget, "BudgetName": "other", "BudgetLimit": {"Amount": "lots", "Unit": "USD"}}), "InvalidParameterException")
described = budgets.describe_budget(AccountId=account, BudgetName="bkw-test")["Budget"]
check("budget read back", described["BudgetLimit"] == {"Amount": "100.0", "Unit": "USD"} and described["TimeUnit"] == "MONTHLY", described)
check("no spend yet", described["CalculatedSpend"]["ActualSpend"]["Amount"] == "0.0", described["CalculatedSpend"])
check("listed", "bkw-test" in [entry["BudgetName"] for entry in budgets.describe_budgets(AccountId=account)["Budgets"]])
refused("no such budget", lambda: budgets.describe_budget(AccountId=account, BudgetName="nosuch"), "NotFoundException")

action = dict(
    AccountId=account,
    BudgetName="bkw-test",
    NotificationType="ACTUAL",
    ActionType="APPLY_IAM_POLICY",
    ActionThreshold={"ActionThresholdValue": 100.0, "ActionThresholdType": "PERCENTAGE"},
    Definition={"IamActionDefinition": {"PolicyArn": deny, "Users": [user]}},
    ExecutionRoleArn=role["Arn"],
    ApprovalModel="AUTOMATIC",
    Subscribers=[{"SubscriptionType": "EMAIL", "Address": "instructor@example.com"}],
)
refused("an execution role that does not exist", lambda: budgets.create_budget_action(**{**action, "ExecutionRoleArn": f"arn:aws:iam::{account}:role/nosuch"}), "InvalidParameterException")
refused("an action on no budget", lambda: budgets.create_budget_action(**{**action, "BudgetName": "nosuch"}), "NotFoundException")
action_id = budgets.create_budget_action(**action)["ActionId"]
check("action id is a UUID", len(action_id) == 36, action_id)
listed = budgets.describe_budget_actions_for_budget(AccountId=account, BudgetName="bkw-test")["Actions"]
check("action waits", [(entry["ActionId"], entry["Status"]) for entry in listed] == [(action_id, "STANDBY")], listed)
check("action as given", listed[0]["Definition"]["IamActionDefinition"]["Users"] == [user] and listed[0]["ApprovalModel"] == "AUTOMATIC")

request = urllib.request.Request(
    f"{endpoint}/_sandbox/budgets",
    data=json.dumps({"budgetName": "bkw-test", "actualSpend": 100.5}).encode(),
    headers={"authorization": f"Bearer {os.environ['ADMIN_TOKEN']}", "content-type": "application/json"},
    method="POST",
)
with urllib.request.urlopen(request) as response:
    check("spend set", response.status == 200)
ran = budgets.describe_budget_action(AccountId=account, BudgetName="bkw-test", ActionId=action_id)["Action"]
check("action ran", ran["Status"] == "EXECUTION_SUCCESS", ran)
check("spend reported", budgets.describe_budget(AccountId=account, BudgetName="bkw-test")["Budget"]["CalculatedSpend"]["ActualSpend"]["Amount"] == "100.5")
attached = [entry["PolicyArn"] for entry in iam.list_attached_user_policies(UserName=user)["AttachedPolicies"]]
check("policy attached to the user", attached == [deny], attached)
refused("approving an action that ran", lambda: budgets.execute_budget_action(AccountId=account, BudgetName="bkw-test", ActionId=action_id, ExecutionType="APPROVE_BUDGET_ACTION"), "ResourceLockedException")

deleted = budgets.delete_budget_action(AccountId=account, BudgetName="bkw-test", ActionId=action_id)["Action"]
check("deleted action returned", deleted["ActionId"] == action_id)
refused("the action is gone", lambda: budgets.describe_budget_action(AccountId=account, BudgetName="bkw-test", ActionId=action_id), "NotFoundException")
budgets.delete_budget(AccountId=account, BudgetName="bkw-test")
refused("the budget is gone", lambda: budgets.delete_budget(AccountId=account, BudgetName="bkw-test"), "NotFoundException")
refused("another account's budgets", lambda: budgets.describe_budgets(AccountId="000000000000"), "AccessDeniedException")
iam.delete_role_policy(RoleName="budget-action", PolicyName="apply-deny")
refused("a role policy already deleted", lambda: iam.delete_role_policy(RoleName="budget-action", PolicyName="apply-deny"), "NoSuchEntity")
iam.delete_role(RoleName="budget-action")
refused("the role is gone", lambda: iam.get_role(RoleName="budget-action"), "NoSuchEntity")

print(json.dumps({"ok": True, "checks": len(checked), "deny": deny}))

import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import type {CallerIdentity, IdentityPort, PrincipalKind} from '../flows/ports.js';

export function createIdentityPort(sts: STSClient): IdentityPort {
	return {
		async whoAmI() {
			const answer = await sts.send(new GetCallerIdentityCommand({}));
			return describePrincipal(answer.Account ?? '', answer.Arn ?? '');
		},
	};
}

/** `arn:aws:iam::123:user/path/name`, `arn:aws:sts::123:assumed-role/Role/session`, `arn:aws:iam::123:root`. */
export function describePrincipal(accountId: string, arn: string): CallerIdentity {
	const [, partition = 'aws', service = '', , , resource = ''] = arn.split(':');
	const [type = '', ...rest] = resource.split('/');
	let kind: PrincipalKind = 'other';
	let name: string | undefined;
	let simulatableArn: string | undefined;
	if (service === 'iam' && type === 'root') kind = 'root';
	else if (service === 'iam' && type === 'user') {
		kind = 'user';
		name = rest[rest.length - 1];
		simulatableArn = arn;
	} else if (service === 'sts' && type === 'assumed-role') {
		kind = 'assumed-role';
		name = rest[0];
		// SimulatePrincipalPolicy takes the role, not the session. Role paths are not in the session ARN.
		simulatableArn = `arn:${partition}:iam::${accountId}:role/${rest[0] ?? ''}`;
	} else if (service === 'sts' && type === 'federated-user') {
		kind = 'federated-user';
		name = rest[0];
	}
	return {accountId, arn, kind, ...(name ? {name} : {}), ...(simulatableArn ? {simulatableArn} : {})};
}

/** The IAM policy grammar (identity policies), as AWS documents it. */

export type Effect = 'Allow' | 'Deny';

/** Condition values as they appear in JSON: a scalar or a list of scalars. */
export type ConditionValue = string | number | boolean | ReadonlyArray<string | number | boolean>;

/** `{ "<Operator>": { "<conditionKey>": value } }` */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, ConditionValue>>>>;

export interface PolicyStatement {
	readonly Sid?: string;
	readonly Effect: Effect;
	readonly Action?: string | readonly string[];
	readonly NotAction?: string | readonly string[];
	readonly Resource?: string | readonly string[];
	readonly NotResource?: string | readonly string[];
	readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
	readonly Version: '2012-10-17' | '2008-10-17';
	readonly Id?: string;
	readonly Statement: PolicyStatement | readonly PolicyStatement[];
}

/** A policy with the name it is known by (inline policy name, or managed policy ARN). */
export interface NamedPolicy {
	readonly name: string;
	readonly document: PolicyDocument;
}

/**
 * Fault injection, so tests and demos can show how the wizard copes with a bad day at AWS.
 * A rule names an operation (IAM/STS Action such as `CreateUser`, or a REST operation such as
 * `Converse`; `*` for any) and what happens to its next N calls:
 * - `throttle`: the protocol's throttling error (Query: `Throttling` 400; REST-JSON: `ThrottlingException` 429);
 * - `500` / `503` (`5xx` = 500): InternalFailure / ServiceUnavailable;
 * - `latency`: the call is answered normally after `latencyMs` (default 1000);
 * - `drop`: the connection is closed without an answer;
 * - `lost-reply`: the call is carried out, then the connection is closed before the answer (a reply lost
 *   on the way back: the case that tempts a client to do a non-idempotent call twice).
 *
 * `after: N` lets the first N matching calls through before the rule starts (in-process and JSON only):
 * a fault on the second PutUserPolicy of a run, say, the one that restores a policy during a rollback.
 *
 * Three ways in: `faults.add(...)` in-process; `BKW_SANDBOX_FAULTS="Converse:throttle:3,CreateUser:5xx:1,Converse:latency:2:250"`
 * (operation:kind:times[:latencyMs]); `POST /_sandbox/faults` from this machine with the admin token and a
 * JSON rule (or a list), `GET` to list, `DELETE` to clear (admin-route.ts).
 *
 * At most `maxFaultRules` rules are kept between clears (spent ones count: they are the history), so no
 * client can grow the list without bound.
 *
 * Every rule counts how often it `fired` (a test that injects a fault proves it did). `list()` shows the
 * rules with calls left; `history()` every rule since the last `clear()`, spent ones included.
 */

export type FaultKind = 'throttle' | '500' | '503' | 'latency' | 'drop' | 'lost-reply';

export interface FaultRule {
	/** Numbered from 1 in the order rules were added. */
	readonly id: number;
	readonly operation: string;
	readonly kind: FaultKind;
	/** How many matching calls still get the fault. */
	remaining: number;
	/** How many matching calls got it so far. */
	fired: number;
	/** How many matching calls are still let through before the rule starts. */
	passing: number;
	readonly latencyMs?: number;
}

export interface FaultSpec {
	readonly operation: string;
	readonly kind: FaultKind | '5xx';
	readonly times?: number;
	readonly latencyMs?: number;
	/** Let this many matching calls through first (default 0). */
	readonly after?: number;
}

/** How many rules the injector keeps between clears. */
export const maxFaultRules = 100;

const kinds = new Set(['throttle', '500', '503', '5xx', 'latency', 'drop', 'lost-reply']);

export class FaultInjector {
	private rules: FaultRule[] = [];
	private nextId = 1;

	/**
	 * Adds a rule; the first matching rule with calls left applies. The rule returned is live: its
	 * `fired` and `remaining` change as calls match it.
	 */
	add(spec: FaultSpec): FaultRule {
		const [rule] = this.addAll([spec]);
		return rule!;
	}

	/** Adds every rule or none: a bad rule, or more rules than the cap allows, adds nothing. */
	addAll(specs: readonly FaultSpec[]): FaultRule[] {
		if (this.rules.length + specs.length > maxFaultRules) {
			throw new FaultSpecError(
				`At most ${maxFaultRules} fault rules are kept (${this.rules.length} now, ${specs.length} more asked); clear them first (DELETE /_sandbox/faults).`,
			);
		}
		const rules = specs.map((spec, index) => validate(spec, this.nextId + index));
		this.nextId += rules.length;
		this.rules.push(...rules);
		return rules;
	}

	clear(): void {
		this.rules = [];
	}

	/** The rules with calls left. */
	list(): readonly FaultRule[] {
		return this.rules.filter((rule) => rule.remaining > 0).map((rule) => ({...rule}));
	}

	/** Every rule since the last clear(), spent ones included, with how often each fired. */
	history(): readonly FaultRule[] {
		return this.rules.map((rule) => ({...rule}));
	}

	/** Consumes one use of the first rule matching `operation`, if any (a rule still letting calls through counts one down instead). */
	take(operation: string): FaultRule | undefined {
		for (const rule of this.rules) {
			if (rule.remaining <= 0 || (rule.operation !== operation && rule.operation !== '*')) continue;
			if (rule.passing > 0) {
				rule.passing--;
				continue;
			}
			rule.remaining--;
			rule.fired++;
			return {...rule};
		}
		return undefined;
	}
}

export class FaultSpecError extends Error {
	override name = 'FaultSpecError';
}

function validate(spec: FaultSpec, id = 0): FaultRule {
	if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
		throw new FaultSpecError(`A fault is an object such as {"operation": "Converse", "kind": "throttle"}, got ${JSON.stringify(spec)}.`);
	if (typeof spec.operation !== 'string' || !/^(\*|[A-Za-z0-9]+)$/.test(spec.operation)) {
		throw new FaultSpecError(`A fault needs an operation name such as Converse or CreateUser (or *), got ${JSON.stringify(spec.operation)}.`);
	}
	if (!kinds.has(spec.kind))
		throw new FaultSpecError(`Unknown fault kind ${JSON.stringify(spec.kind)}: use throttle, 500, 503, 5xx, latency, drop or lost-reply.`);
	const times = spec.times ?? 1;
	if (!Number.isInteger(times) || times < 1)
		throw new FaultSpecError(`A fault's times must be a whole number of at least 1, got ${JSON.stringify(spec.times)}.`);
	const latencyMs = spec.latencyMs ?? (spec.kind === 'latency' ? 1000 : undefined);
	if (latencyMs !== undefined && (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 600_000)) {
		throw new FaultSpecError(`A fault's latencyMs must be between 0 and 600000, got ${JSON.stringify(spec.latencyMs)}.`);
	}
	const after = spec.after ?? 0;
	if (!Number.isInteger(after) || after < 0)
		throw new FaultSpecError(`A fault's after must be a whole number of at least 0, got ${JSON.stringify(spec.after)}.`);
	return {
		id,
		operation: spec.operation,
		kind: spec.kind === '5xx' ? '500' : spec.kind,
		remaining: times,
		fired: 0,
		passing: after,
		...(latencyMs === undefined ? {} : {latencyMs}),
	};
}

/** Parses `Op:kind:times[:latencyMs],...` (the BKW_SANDBOX_FAULTS syntax). */
export function parseFaultList(text: string): FaultSpec[] {
	const specs = text
		.split(',')
		.map((item) => item.trim())
		.filter(Boolean)
		.map((item) => {
			const [operation = '', kind = '', times, latency] = item.split(':');
			const spec: FaultSpec = {
				operation,
				kind: kind as FaultKind,
				...(times === undefined ? {} : {times: Number(times)}),
				...(latency === undefined ? {} : {latencyMs: Number(latency)}),
			};
			validate(spec);
			return spec;
		});
	if (specs.length > maxFaultRules) throw new FaultSpecError(`At most ${maxFaultRules} fault rules are kept; ${specs.length} were given.`);
	return specs;
}

/**
 * `/_sandbox/faults`: the loopback-only control route for fault injection (see faults.ts).
 * GET lists the rules with calls left (`faults`) and every rule since the last clear with how often it
 * fired (`history`); POST adds one (or a list) as JSON `{operation, kind, times?, latencyMs?, after?}`;
 * DELETE clears them. Requests from anywhere but loopback are refused.
 */
import type {SandboxHttpRequest, SandboxResponse} from './contracts.js';
import {FaultSpecError, type FaultInjector, type FaultSpec} from './faults.js';

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const reply = (status: number, value: unknown): SandboxResponse => ({status, headers: {'content-type': 'application/json'}, body: JSON.stringify(value)});

export function handleAdminRoute(request: SandboxHttpRequest, remoteAddress: string, faults: FaultInjector): SandboxResponse {
	if (!loopback.has(remoteAddress)) return reply(403, {message: 'The sandbox control routes answer loopback clients only.'});
	if (request.rawPath !== '/_sandbox/faults') return reply(404, {message: `No sandbox control route ${request.rawPath}; try /_sandbox/faults.`});
	if (request.method === 'GET') return reply(200, {faults: faults.list(), history: faults.history()});
	if (request.method === 'DELETE') {
		faults.clear();
		return reply(200, {faults: [], history: []});
	}
	if (request.method !== 'POST') return reply(405, {message: 'Use GET, POST or DELETE.'});
	let specs: FaultSpec[];
	try {
		const parsed: unknown = JSON.parse(request.body.toString('utf8'));
		specs = (Array.isArray(parsed) ? parsed : [parsed]) as FaultSpec[];
	} catch {
		return reply(400, {message: 'The body must be JSON: {"operation": "Converse", "kind": "throttle", "times": 2}.'});
	}
	try {
		for (const spec of specs) faults.add(spec);
	} catch (error) {
		if (error instanceof FaultSpecError) return reply(400, {message: error.message});
		throw error;
	}
	return reply(200, {faults: faults.list(), history: faults.history()});
}

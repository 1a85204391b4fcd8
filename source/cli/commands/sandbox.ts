import {Problem} from '../../core/problem.js';
import type {GlobalOptions} from '../global-options.js';
import type {CliIo} from '../io.js';

export async function sandboxCommand(_options: Record<string, unknown>, _global: GlobalOptions, _io: CliIo): Promise<number> {
	throw new Problem('usage', 'The sandbox is being built (issue 3).', 'Use the policy command meanwhile.');
}

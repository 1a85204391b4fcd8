import type {ProblemKind} from '../core/problem.js';

export const ExitCode = {
	ok: 0,
	verificationFailed: 1,
	usage: 2,
	awsRefused: 3,
	cancelled: 130,
} as const;

export const exitCodeFor = (kind: ProblemKind): number => {
	switch (kind) {
		case 'usage':
			return ExitCode.usage;
		case 'aws-refused':
			return ExitCode.awsRefused;
		case 'cancelled':
			return ExitCode.cancelled;
		case 'verification-failed':
		case 'internal':
			return ExitCode.verificationFailed;
	}
};

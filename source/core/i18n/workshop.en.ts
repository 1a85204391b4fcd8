/** Workshop words (handouts, progress, status, teardown), English: the shape workshop.ja.ts must match. */
import type {ProblemText} from './en.js';
import {spendGuardEn} from './spend-guard.en.js';
import {displayTimeZone, formatTime} from './time.js';

/** A time in the reader's zone, and in UTC beside it unless that zone is UTC (a handout travels to other zones). */
export const withUtc = (iso: string): string => (displayTimeZone() === 'UTC' ? formatTime(iso) : `${formatTime(iso)} (${formatTime(iso, 'UTC')})`);

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

export const workshopEn = () => ({
	spendGuard: spendGuardEn(),
	handout: {
		title: (event: string, seat: number) => `${event}: seat ${seat}`,
		intro: (expiresAt: string) =>
			`This is your own Amazon Bedrock API key for the workshop. It can call exactly the models listed below, nothing else, and stops working at ${withUtc(expiresAt)}.`,
		keyHeading: 'Your key',
		keyHowTo: 'Save these two lines as a file named `.env` in your project folder:',
		privacy: 'The key is yours alone: do not commit `.env`, paste it into a chat, or share this page.',
		detailsHeading: 'Details',
		region: 'Region',
		expires: 'Stops working at',
		user: 'IAM user',
		keyId: 'key id',
		modelsHeading: 'Models you can call',
		othersDenied: 'Any other model is refused (AccessDeniedException): that is the policy working, not a mistake.',
		usageHeading: 'Use it',
		checkHeading: 'Check that it works',
		checkHowTo: 'Load `.env` (first snippet above), then run this. It calls each model once and shows what is allowed and what is denied:',
	},
	create: {
		planned: (event: string, seats: number, region: string, models: readonly string[], expiresAt: string) =>
			`Workshop "${event}": ${plural(seats, 'seat')} in ${region} for ${models.join(', ')}; keys stop working at ${formatTime(expiresAt)}.`,
		found: (existing: number, complete: number) =>
			`Found ${plural(existing, 'seat')} of this event already in IAM (${complete} complete): only what is missing is made.`,
		seat: {
			completed: (seat: number, userName: string) => `Seat ${seat}: ${userName} finished (left incomplete by an earlier run)`,
			rotated: (seat: number, userName: string) => `Seat ${seat}: ${userName} got a new key (the old one was deleted)`,
			failed: (seat: number, userName: string, reason: string) => `Seat ${seat}: ${userName} failed: ${reason}`,
		},
		lostSecret: (seat: number, userName: string) =>
			`Seat ${seat} (${userName}) has a key but no handout holds it; a key is shown only once, so it is rotated: a new key is made and the old one deleted.`,
		progress: (done: number, total: number, rps: string) => `${done}/${total} seats done (IAM pace ${rps} requests/s)`,
		slowedDown: (rps: string) => `IAM is throttling: slowing down to ${rps} requests/s.`,
		gitTracked: (directory: string) =>
			[
				`${directory} is inside a git work tree and not ignored, and the handouts in it hold keys.`,
				`Add "${directory}/" to .gitignore before you commit, or move the handouts out of the repository.`,
			] as ProblemText,
		summary: (ready: number, seats: number) => `${ready} of ${plural(seats, 'seat')} ready.`,
		counts: (created: number, rotated: number, completed: number, unchanged: number) =>
			`${created} created, ${rotated} rotated, ${completed} finished, ${unchanged} already complete.`,
		failures: (failed: number) =>
			[`${plural(failed, 'seat')} could not be completed.`, 'Run the same command again: it reuses what exists and makes only what is missing.'] as ProblemText,
		handouts: (directory: string) => `Handouts (one per seat, mode 0600, they hold the keys): ${directory}`,
		roster: (path: string) => `Roster (no keys): ${path}`,
		nameTaken: (userName: string) =>
			[
				`IAM user ${userName} already exists and does not carry this event's tag.`,
				'It is left alone. Pick another --name for the event, or rename or remove that user.',
			] as ProblemText,
		managedPolicy: {
			created: (name: string) => `Customer managed policy ${name} made; every seat gets it attached.`,
			updated: (name: string) => `Customer managed policy ${name} given a new default version; every seat gets it attached.`,
			unchanged: (name: string) => `Customer managed policy ${name} is already up to date; every seat gets it attached.`,
		},
		policyNotOurs: (arn: string) =>
			[
				`A managed policy ${arn} exists but does not carry this event's tag, so it is left alone.`,
				'Delete or rename that policy, pick another --name for the event, or pass --policy-type inline if the policy fits inline.',
			] as ProblemText,
		staleDeleted: (name: string) => `Deleted managed policy ${name}: the seats no longer use it.`,
		stalePolicyAttached: (name: string) => `${name} is still attached to a user, group or role that is not a seat of this workshop`,
		stalePolicyLeft: (name: string, reason: string) =>
			`Managed policy ${name} from an earlier run is no longer used by the seats but was left: ${reason}. Run the same command again, or delete it in IAM.`,
	},
	status: {
		heading: (event: string, region: string) => `Workshop "${event}" in ${region}`,
		columns: {
			seat: 'seat',
			user: 'IAM user',
			key: 'key',
			state: 'state',
			expires: 'expires',
			verified: 'last check',
			activity: 'activity',
			keyAge: 'key age',
			checkedAt: 'checked',
			result: 'result',
			calls: 'calls',
			lastCall: 'last call',
		},
		state: {
			ready: 'ready',
			'no-user': 'no user',
			'no-key': 'no key',
			'lost-secret': 'key not in a handout',
			inactive: 'key inactive',
			expired: 'expired',
			'extra-keys': 'extra key',
			'no-policy': 'policy missing',
			'stale-policy': 'policy out of date',
		},
		verification: {
			never: 'never',
			pass: (at: string) => `✓ works (${formatTime(at)})`,
			fail: (at: string, failed: number) => `✗ ${plural(failed, 'check')} failed (${formatTime(at)})`,
		},
		summary: (ready: number, seats: number) => `${ready} of ${plural(seats, 'seat')} ready.`,
		verifySummary: (passed: number, checked: number) => `${passed} of ${plural(checked, 'seat')} verified working.`,
		noSeats: (event: string) =>
			[
				`No seats of "${event}" were found in IAM.`,
				'Check the --name (it must match the one given to workshop create), or create the workshop first.',
			] as ProblemText,
		needsManifest: (path: string) =>
			[`--verify needs the workshop's files, and ${path} was not found.`, 'Pass the --out-dir given to workshop create.'] as ProblemText,
		legend: '✓ works   ✗ a check failed   ! not ready   ○ not checked yet   … checking',
		/** Each seat's calls from CloudTrail (flows/workshop/activity.ts). */
		activity: {
			calls: (calls: number, refused: number, lastAt: string) =>
				`${plural(calls, 'call')}${refused > 0 ? ` (${refused} refused)` : ''}, last ${formatTime(lastAt)}`,
			count: (calls: number, refused: number) => (refused > 0 ? `${calls} (${refused}✗)` : String(calls)),
			none: 'none seen',
			unknown: 'unknown',
			reading: 'reading…',
			source: (from: string, complete: boolean) =>
				`Activity: CloudTrail event history ${complete ? 'since' : 'back to'} ${formatTime(from)}${complete ? '' : ' (more events than were read: older calls are not counted)'}: InvokeModel, Converse and their streaming forms, by IAM user. CloudTrail usually lists a call about 5 minutes after it, not guaranteed; calls through the OpenAI-compatible APIs or Mantle are not in it. This tool's own checks (--verify) are not counted.`,
			sourceShort: (from: string) => `activity: CloudTrail since ${formatTime(from)}, usually ~5 min late`,
			unavailable: (reason: string) =>
				`Activity: unknown, CloudTrail's event history could not be read (${reason}). Allow cloudtrail:LookupEvents to see each seat's calls.`,
			unavailableShort: 'activity: unknown (CloudTrail could not be read)',
			readingShort: "activity: reading CloudTrail's event history…",
		},
		/** A key's age: `3d 4h`, `5h 10m`, `12m`. */
		age: (minutes: number) =>
			minutes >= 1440
				? `${Math.floor(minutes / 1440)}d ${Math.floor((minutes % 1440) / 60)}h`
				: minutes >= 60
					? `${Math.floor(minutes / 60)}h ${minutes % 60}m`
					: `${minutes}m`,
		dashboard: {
			times: (zone: string) => `times in ${zone}`,
			result: {works: '✓ works', failed: (failed: number) => `✗ ${failed} failed`, checking: '… checking', never: '○ not checked'},
			map: 'all seats:',
			updated: (at: string, seconds: number) => `updated ${formatTime(at)}; again every ${seconds} s; q or Ctrl+C ends`,
			refreshFailed: (reason: string) => `the last update failed (${reason}); trying again`,
		},
		watchNeedsTerminal: '--watch keeps a dashboard up in a terminal; here the status is shown once.',
		needsAttention: 'Seats that need attention:',
		more: (count: number) => `… and ${count} more (see workshop status --json)`,
	},
	teardown: {
		plan: (event: string, users: number, keys: number) => `Workshop "${event}": ${plural(users, 'IAM user')} and ${plural(keys, 'API key')} to delete.`,
		seatLine: (userName: string, seat: number, keys: number) => `${userName} (seat ${seat}, ${plural(keys, 'API key')})`,
		policyLine: (name: string) => `${name} (customer managed policy shared by the seats; deleted after them)`,
		policyDeleted: (name: string) => `Deleted customer managed policy ${name} with its versions.`,
		policyAttachedElsewhere: (name: string) =>
			[
				`Customer managed policy ${name} was left: it is still attached to a user, group or role that is not a seat of this workshop.`,
				'Detach it there (IAM console, the policy\'s "Entities attached" tab), then run the same teardown again.',
			] as ProblemText,
		policyFailed: (name: string, reason: string) => `Could not delete customer managed policy ${name}: ${reason}`,
		policiesWaiting: (count: number) =>
			`${count} customer managed ${count === 1 ? 'policy' : 'policies'} of the workshop left until every seat is deleted; run the same teardown again.`,
		lookalike: (userName: string) => `Left alone: ${userName} looks like a seat of this event but does not carry the event's tag.`,
		dryRun: ['Dry run: nothing was deleted.', 'Run again with --yes to delete them.'] as ProblemText,
		deleted: (userName: string) => `Deleted ${userName} and everything it held`,
		failed: (userName: string, reason: string) => `Could not delete ${userName}: ${reason}`,
		nothing: (event: string) => `Nothing of workshop "${event}" is left in IAM.`,
		done: (deleted: number) => `Deleted ${plural(deleted, 'IAM user')} with their keys and policies.`,
		failures: (failed: number) =>
			[`${plural(failed, 'user')} could not be deleted.`, 'Run the same teardown again: it picks up where this one stopped.'] as ProblemText,
		handoutsDead: (directory: string) => `The keys in ${directory} no longer work; delete the folder when you no longer need it.`,
	},
	locate: {
		otherEvent: (path: string, found: string, asked: string) =>
			[
				`${path} is the workshop.json of "${found}", not of "${asked}".`,
				`Pass the --out-dir of "${asked}" (the folder its workshop create wrote), or --name "${found}".`,
			] as ProblemText,
		noName: (found: ReadonlyArray<{readonly event: string; readonly path: string}>) =>
			(found.length === 0
				? [
						'No --name given, and no workshop.json was found in this folder or in a bkw-* folder in it.',
						'Pass --name <event> (and --out-dir <folder> when its files are elsewhere).',
					]
				: [
						`No --name given, and ${found.length} workshops were found: ${found.map((entry) => `"${entry.event}" (${entry.path})`).join(', ')}.`,
						'Pass --name <event> to pick one.',
					]) as ProblemText,
		missing: (event: string, looked: readonly string[], seats: number) =>
			[
				`No workshop.json of "${event}" was found (looked at ${looked.join(', ')}), so its handouts cannot be read; IAM holds ${plural(seats, 'seat')} of it.`,
				'Pass --out-dir <the folder workshop create wrote> (it holds workshop.json and the handouts), or run the command in that folder.',
			] as ProblemText,
		unknownEvent: (event: string, known: ReadonlyArray<{readonly event: string; readonly seats: number}>) =>
			[
				`No seats of "${event}" were found in IAM: no user carries that event's tag.`,
				known.length > 0
					? `Workshops in this account: ${known.map((entry) => `"${entry.event}" (${plural(entry.seats, 'seat')})`).join(', ')}. Check the --name (it must match the one given to workshop create).`
					: 'No workshop is in this account. Check the --name, the account (--profile) and the endpoint, or create the workshop first.',
			] as ProblemText,
		using: (event: string, path: string) => `Workshop "${event}" from ${path}: its Region, models, end and endpoint are used unless you pass others.`,
		savedEndpoint: (endpoint: string) => `Calling the endpoint saved in workshop.json: ${endpoint} (pass --endpoint-url to call another).`,
		noFolder: (looked: readonly string[]) =>
			`No workshop.json was found (looked at ${looked.join(', ')}): the handouts' folder is unknown, so delete it yourself once the seats are gone.`,
	},
	plan: {
		heading: (event: string) => `Workshop "${event}" already has seats, and this run would change them:`,
		models: (added: readonly string[], removed: readonly string[]) =>
			`models: ${[...added.map((id) => `+ ${id}`), ...removed.map((id) => `- ${id}`)].join(', ')}`,
		end: (from: string, to: string) => `end: ${formatTime(from)} -> ${formatTime(to)}`,
		region: (from: string, to: string) => `Region: ${from} -> ${to}`,
		placement: (from: string, to: string) => `where the policy lives: ${from} -> ${to}`,
		unknownBefore: "the seats' policy differs from the one planned now (no workshop.json says what it was)",
		policies: (seats: number) => `The policy of ${plural(seats, 'seat')} is replaced, at once, while participants may be using their keys.`,
		rotations: (seats: readonly number[]) =>
			`${plural(seats.length, 'seat')} get a new key, and the old key is deleted at once (no handout here holds it, and a key is shown only once): seat ${seats.join(', ')}.`,
		rotationsHint: 'If the handouts are in another folder, pass --out-dir <that folder> instead: nothing needs a new key then.',
		question: 'Apply this plan?',
		needsYes: [
			'Nothing was changed: the plan above needs a confirmation.',
			'Run again with --yes to apply it, or leave out the changed flags to keep the workshop as it is.',
		] as ProblemText,
		declined: ['Nothing was changed.', 'Run again and answer yes to apply the plan, or leave out the changed flags.'] as ProblemText,
		refusedRotation: (seat: number) =>
			`seat ${seat} would need a new key that the plan did not include; nothing was changed on it. Run the same command again to see the plan.`,
	},
	cleanup: {
		seatRefused: (userName: string, event: string, seat: number) =>
			[
				`${userName} is seat ${seat} of workshop "${event}": deleting it stops that participant's key.`,
				`Use workshop teardown --name "${event}" for the whole class, or pass --include-workshops to delete this seat all the same.`,
			] as ProblemText,
		seatsLeftOut: (seats: number, events: readonly string[]) =>
			`Left out: ${plural(seats, 'seat')} of ${events.map((event) => `workshop "${event}"`).join(', ')}. Pass --include-workshops to include them, or use workshop teardown.`,
		seatOf: (event: string, seat: number) => `seat ${seat} of workshop "${event}"`,
	},
	quotas: {
		heading: (seats: number, region: string, rpm: number, input: number, output: number, hours: number) =>
			`Quotas for ${plural(seats, 'seat')} in ${region}: each sends ${rpm} requests a minute of ${input.toLocaleString('en-US')} input and ${output.toLocaleString('en-US')} output tokens, ${hours} hours a day.`,
		columns: {model: 'model', quota: 'quota', value: 'quota now', need: 'class needs', headroom: 'headroom', verdict: 'verdict'},
		measure: {'tokens-per-minute': 'tokens/min', 'requests-per-minute': 'requests/min', 'tokens-per-day': 'tokens/day'} as Record<string, string>,
		route: (crossRegion: boolean): string => (crossRegion ? 'cross-Region' : 'on-demand'),
		verdict: {ok: '✓ enough', short: '✗ short', unknown: '? not found'} as Record<string, string>,
		burndown: (model: string, factor: number) =>
			`${model}: each output token counts ${factor} times against the tokens quotas (AWS's burndown rate; AWS may change it).`,
		skipped: (ids: readonly string[]) => `Not planned (not text models; their quotas have other names): ${ids.join(', ')}.`,
		unknown:
			'? Service Quotas lists no quota of that name here: AWS may name it otherwise, or not offer the model in this Region. Check the Service Quotas console.',
		ok: '✓ The quotas cover the class at this rate.',
		short: (count: number) => `✗ ${plural(count, 'quota')} fall short: participants will get "Too many tokens" (ThrottlingException) in class.`,
		notAutomatic:
			'Increases are not automatic: AWS reviews each request, may ask for your expected rates, may refuse an account that does not use its current quota, and takes hours to days. Ask well before class.',
		offer: (count: number) =>
			`${plural(count, 'increase request')} to file (the tokens-per-minute quotas; AWS support offers the model's other quotas in the same case):`,
		offerLine: (name: string, from: number, to: number) => `${name}: ${from.toLocaleString('en-US')} -> ${to.toLocaleString('en-US')}`,
		question: (count: number) => `File ${plural(count, 'quota increase request')} now?`,
		needsYes: 'Nothing was filed: run again with --yes to file them, or file them in the Service Quotas console.',
		filed: (name: string, to: number, id: string, status: string) => `Filed: ${name} to ${to.toLocaleString('en-US')} (request ${id}, ${status}).`,
		pending: (name: string, to: number, status: string) => `Already asked: ${name} to ${to.toLocaleString('en-US')} (${status}); not filed again.`,
		failed: (name: string, reason: string) => `Could not file ${name}: ${reason}`,
		unreadable: (reason: string) =>
			`The account's Bedrock quotas could not be read (${reason}): the class may be throttled. Check them with workshop plan, or in the Service Quotas console.`,
		createShort: (count: number) =>
			`${plural(count, 'quota')} fall short for this class (see above): run workshop plan --yes to ask for more; increases take time.`,
	},
	rotate: {
		heading: (count: number) =>
			`Rotating ${plural(count, 'seat')}, one at a time: a new key in the seat's second slot, its handout rewritten, the new key checked live, then the old key set Inactive and deleted.`,
		seatLine: (seat: number, userName: string, keyId: string) => `seat ${seat}: ${userName}, key ${keyId} stops working`,
		grace: (seconds: number) =>
			seconds > 0 ? `The old keys are deleted ${seconds} s after they are set Inactive.` : 'The old keys are deleted as soon as they are set Inactive.',
		handoutsTell: 'Give each participant their new handout: their old key stops working once the new one passes its check.',
		question: 'Rotate these keys?',
		needsYes: ['Nothing was rotated: a rotation needs a confirmation.', 'Run again with --yes to rotate.'] as ProblemText,
		declined: ['Nothing was rotated.', 'Run again and answer yes to rotate.'] as ProblemText,
		step: {
			created: (seat: number, keyId: string) => `seat ${seat}: new key ${keyId} made`,
			handout: (seat: number, keyId: string) => `seat ${seat}: handout rewritten with key ${keyId}`,
			verified: (seat: number, keyId: string) => `seat ${seat}: new key ${keyId} works`,
			inactive: (seat: number, keyId: string) => `seat ${seat}: old key ${keyId} set Inactive`,
			deleted: (seat: number, keyId: string) => `seat ${seat}: old key ${keyId} deleted`,
		},
		noSeat: (seat: number) => `seat ${seat} has no user in IAM`,
		noHandout: (seat: number, userName: string) =>
			`seat ${seat} (${userName}): no handout here holds its key, so there is nothing to hand over; pass the --out-dir of its handouts, or run workshop create to give it a key`,
		verifyFailed: (seat: number, userName: string, failures: readonly string[]) =>
			`seat ${seat} (${userName}): the new key did not pass its check, so the old key was left working (run the same rotate again): ${failures.join('; ')}`,
		done: (rotated: number, total: number) => `${rotated} of ${plural(total, 'seat')} rotated.`,
		noSeatsGiven: ['No seat to rotate was given.', 'Pass --seat <n> (repeatable), or --all.'] as ProblemText,
		badSeat: (value: string) => [`--seat "${value}" is not a seat number.`, 'Pass a whole number from 1, e.g. --seat 2.'] as ProblemText,
	},
	cancelled: 'Cancelled: what was done so far is kept; run the same command again to continue.',
});

export type WorkshopMessages = ReturnType<typeof workshopEn>;

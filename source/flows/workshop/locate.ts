/**
 * Which folder holds a workshop: its `workshop.json` decides (docs/architecture.md, 'Workshops'). Looked
 * for in `--out-dir` when given (and only there), else in the current folder, the default folder
 * `bkw-<event>`, and every `bkw-*` folder of the current folder. Found, the saved event, Region, models,
 * end and endpoint are what the next run starts from; not found, the caller says where it looked.
 */
import type {Messages} from '../../core/i18n/en.js';
import {Problem} from '../../core/problem.js';
import {defaultWorkshopDirectory, MANIFEST_FILE, parseManifest, type WorkshopManifest} from '../../core/workshop/manifest.js';
import {MANAGED_TAG, SEAT_NAME_PREFIX, WORKSHOP_TAG} from '../../core/workshop/seat-names.js';
import type {IamPort} from '../ports.js';
import type {WorkshopFiles} from './files.js';

export interface LocatedWorkshop {
	/** The folder of the workshop's files: where it was found, else where create writes them. */
	readonly directory: string;
	readonly manifest?: WorkshopManifest;
	/** Every workshop.json path looked at, in order (for the message when none was found). */
	readonly looked: readonly string[];
	/** The event: given, or the one the found workshop.json names. */
	readonly event?: string;
	/** --out-dir holds another event's workshop.json: not this event's folder (create refuses to write there). */
	readonly foreign?: {readonly path: string; readonly event: string};
}

/** Reads a workshop.json; undefined when there is none (or it is no workshop's, when only searching). */
async function readAt(files: WorkshopFiles, directory: string, strict: boolean): Promise<WorkshopManifest | undefined> {
	const path = files.join(directory, MANIFEST_FILE);
	const text = await files.read(path);
	if (text === undefined) return undefined;
	try {
		return parseManifest(text, path);
	} catch (error) {
		if (strict) throw error;
		return undefined;
	}
}

export async function locateWorkshop(
	input: {readonly event?: string; readonly outDir?: string},
	files: WorkshopFiles,
	messages: Messages,
): Promise<LocatedWorkshop> {
	const {event, outDir} = input;
	const text = messages.workshop.locate;
	if (outDir !== undefined) {
		const manifest = await readAt(files, outDir, true);
		const path = files.join(outDir, MANIFEST_FILE);
		if (manifest && event !== undefined && manifest.event !== event) return {directory: outDir, looked: [path], event, foreign: {path, event: manifest.event}};
		return {directory: outDir, looked: [path], ...(manifest ? {manifest} : {}), ...(manifest || event !== undefined ? {event: manifest?.event ?? event} : {})};
	}
	const candidates = ['.', ...(event !== undefined ? [defaultWorkshopDirectory(event)] : [])];
	for (const name of await files.folders('.')) if (name.startsWith(SEAT_NAME_PREFIX) && !candidates.includes(name)) candidates.push(name);
	const looked: string[] = [];
	const found: Array<{directory: string; manifest: WorkshopManifest}> = [];
	for (const directory of candidates) {
		looked.push(files.join(directory, MANIFEST_FILE));
		// The folders asked for by name must hold a readable workshop.json; a search passes over anything else.
		const manifest = await readAt(files, directory, directory !== '.' && event !== undefined && directory === defaultWorkshopDirectory(event));
		if (!manifest) continue;
		if (event !== undefined && manifest.event === event) return {directory, manifest, looked, event};
		found.push({directory, manifest});
	}
	if (event !== undefined) return {directory: defaultWorkshopDirectory(event), looked, event};
	// No --name: the one workshop found here is meant; several (or none) must be named.
	if (found.length === 1) return {...found[0]!, looked, event: found[0]!.manifest.event};
	throw new Problem('usage', ...text.noName(found.map((entry) => ({event: entry.manifest.event, path: files.join(entry.directory, MANIFEST_FILE)}))));
}

/** The error for a folder that holds another event's workshop.json. */
export const foreignFolder = (located: LocatedWorkshop, messages: Messages): Problem =>
	new Problem('usage', ...messages.workshop.locate.otherEvent(located.foreign!.path, located.foreign!.event, located.event!));

/** The events IAM holds seats of (by tag), with how many seats each: what an unknown name is told. */
async function knownEvents(iam: IamPort): Promise<ReadonlyArray<{readonly event: string; readonly seats: number}>> {
	const counts = new Map<string, number>();
	for (const user of await iam.listUsers(SEAT_NAME_PREFIX)) {
		const event = user.tags[WORKSHOP_TAG];
		if (user.tags[MANAGED_TAG] !== 'true' || event === undefined) continue;
		counts.set(event, (counts.get(event) ?? 0) + 1);
	}
	return [...counts].map(([name, seats]) => ({event: name, seats})).sort((a, b) => a.event.localeCompare(b.event));
}

/** The error for an event IAM knows nothing of: it names the known ones. */
export async function unknownEvent(iam: IamPort, event: string, messages: Messages): Promise<Problem> {
	return new Problem('usage', ...messages.workshop.locate.unknownEvent(event, await knownEvents(iam)));
}

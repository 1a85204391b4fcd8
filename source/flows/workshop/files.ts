/** The files of a workshop: handouts (the keys), the roster, the manifest and the verification log. */
import type {FilesPort} from '../ports.js';

export interface WorkshopFiles extends FilesPort {
	/** The names of the folders directly in a folder (none when it cannot be read): where the workshop's folder is searched for. */
	folders(directory: string): Promise<readonly string[]>;
}

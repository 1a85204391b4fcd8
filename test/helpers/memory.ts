/** The heap as a soak test measures it: after full collections, in MB (node's gc, exposed for the test). */
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export const heapMb = (): number => {
	gc();
	gc();
	return process.memoryUsage().heapUsed / 1024 / 1024;
};

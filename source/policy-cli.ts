import {processIo} from './cli/io.js';
import {readPolicyArgv, runPolicy} from './cli/policy-quick.js';

// dist/policy.js, which dist/cli.js starts for `policy …`: a plain run of policy without commander and the
// other commands (cli/policy-quick.ts); anything else goes to the whole command line (cli.tsx), unchanged.
const argv = process.argv.slice(2);
const read = readPolicyArgv(argv);
if (read) process.exitCode = await runPolicy(read, argv, processIo({direct: true}));
else await import('./cli.js');

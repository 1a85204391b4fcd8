import {processIo} from './cli/io.js';
import {runCli} from './cli/program.js';

// Every AWS client warns about Node 20 on stderr, which garbles an Ink screen.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
process.exitCode = await runCli(process.argv.slice(2), processIo());

// Given to node as `--import`: registers a module-loader hook (record-loads-hooks.mjs) that appends the URL of
// every file the process loads to the file named by BKW_RECORD_LOADS (test/package/import-graph.test.ts).
import {register} from 'node:module';

register('./record-loads-hooks.mjs', import.meta.url);

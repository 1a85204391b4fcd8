// Types of scripts/bundle-patches.mjs, for test/package/bundle-patches.test.ts.
export declare const SIMPLE_TEXT: string;
export declare function patchStringWidth(text: string, file: string): string;
export declare const YOGA_WASM: string;
export declare function patchYogaWasm(text: string, file: string): {text: string; wasm: Buffer};
export declare function pureSchemaKeys(text: string): string;
export declare function patchCommander(text: string, file: string): string;

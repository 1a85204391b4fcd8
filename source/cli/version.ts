declare const __BKW_VERSION__: string | undefined;

/** Set by the bundler from package.json; `0.0.0-dev` when run from source. */
export const toolVersion: string = typeof __BKW_VERSION__ === 'string' ? __BKW_VERSION__ : '0.0.0-dev';

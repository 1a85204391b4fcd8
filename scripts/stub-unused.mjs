// Stands in, in the bundle, for dependencies that only run where this tool never runs (scripts/build.mjs):
// `ws`, which Ink's devtools window polyfill imports (it runs only with DEV=true, and react-devtools-core is
// stubbed too), and `bowser`, which the AWS SDK's browser user-agent provider imports (Node's clients use
// the Node one). `parse` answers as bowser would for no user agent.
export const parse = () => ({});
export default {parse};

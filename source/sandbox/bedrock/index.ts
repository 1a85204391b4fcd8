export {createBedrockRouter, type BedrockRouterOptions} from './router.js';

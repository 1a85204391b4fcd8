export {createRuntimeRouter, type RuntimeRouterOptions} from './router.js';
export {encodeEvent, encodeEventStreamMessage, eventStreamContentType} from './event-stream.js';

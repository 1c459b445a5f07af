export { findCanaries } from './demo/leak-check.js';
export {
  type Canary,
  createTrafficMix,
  type TrafficMix,
  type TrafficOptions,
} from './demo/traffic.js';
export {
  type FakeBotApi,
  type FakeBotApiError,
  type FakeBotApiFailure,
  type FakeBotApiHtml,
  type FakeBotApiOptions,
  type FakeBotApiRequest,
  type FakeBotApiResponder,
  startFakeBotApi,
} from './fake-bot-api.js';

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

export { findCanaries } from './demo/leak-check.js';
export {
  type Canary,
  createTrafficMix,
  type TrafficMix,
  type TrafficOptions,
} from './demo/traffic.js';

export { BLOCK_KIT_LIMITS, type Limit, type LimitName } from './block-kit-limits';
export { type Surface, type ViewValidation, validateBlocks, validateView } from './block-kit-validation';
export { preciseNow, SlackEmulator } from './emulator';
export { extensionOf } from './files';
export type { ApiAnswer } from './methods';
export type { InstallGrant } from './oauth';
export { type Pace, SLACK_LIMITS, type SlackLimits } from './rate-limits';
export {
  type Envelope,
  type EnvelopeType,
  type SocketAck,
  type SocketConnectionRecord,
  SocketModeServer,
} from './socket-mode';
export { MAX_VIEW_STACK, RESPONSE_URL_MAX_POSTS, RESPONSE_URL_TTL_MS, TRIGGER_TTL_MS } from './state';
// Everything in types.ts describes what the emulator takes or answers, so all of it is public.
export type * from './types';
export type { ViewResponseOutcome } from './view-responses';

import { validateBlocks } from './block-kit-validation';
import { isRecord } from './json';
import { type EmulatorState, RESPONSE_URL_MAX_POSTS, RESPONSE_URL_TTL_MS, withGeneratedIds } from './state';
import type { Block, InteractionContext } from './types';

/**
 * POSTs to a response_url (what Bolt's `respond()` sends). Slack answers these like an incoming webhook:
 * a short text body, 200 when accepted and 4xx with an error word otherwise.
 */

export interface ResponseUrlAnswer {
  status: number;
  /** 'ok' or the error word. */
  text: string;
  ok: boolean;
  /** The JSON object posted, or undefined when the body was not one. */
  body: Record<string, unknown> | undefined;
  errors?: string[];
}

function reject(
  status: number,
  error: string,
  body: Record<string, unknown> | undefined,
  errors?: string[],
): ResponseUrlAnswer {
  return { status, text: error, ok: false, body, ...(errors ? { errors } : {}) };
}

/** Bolt posts JSON; a form body with a `payload` field is accepted too, as Slack does. */
function parseBody(raw: string, contentType: string): unknown {
  try {
    if (contentType.includes('application/x-www-form-urlencoded')) {
      const payload = new URLSearchParams(raw).get('payload');
      return payload === null ? undefined : JSON.parse(payload);
    }
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export function handleResponsePost(
  state: EmulatorState,
  id: string,
  raw: string,
  contentType: string,
  now: number,
): ResponseUrlAnswer {
  const parsed = parseBody(raw, contentType);
  const body = isRecord(parsed) ? parsed : undefined;
  const record = state.responseUrls.get(id);
  if (!record) return reject(404, 'invalid_url', body);
  if (now - record.mintedAt > RESPONSE_URL_TTL_MS) return reject(404, 'expired_url', body);
  // Slack's rule: a response_url can be used 5 times (within 30 minutes).
  if (record.uses >= RESPONSE_URL_MAX_POSTS) return reject(404, 'used_url', body);
  if (!body) return reject(400, 'invalid_payload', undefined);

  if (body.delete_original === true || body.delete_original === 'true') {
    deleteOriginal(state, record.context);
    record.uses += 1;
    return { status: 200, text: 'ok', ok: true, body };
  }

  const text = typeof body.text === 'string' ? body.text : '';
  if (text === '' && body.blocks === undefined && body.attachments === undefined) {
    return reject(400, 'no_text', body);
  }
  let blocks: Block[] | undefined;
  if (body.blocks !== undefined) {
    if (!Array.isArray(body.blocks)) return reject(400, 'invalid_blocks_format', body);
    const errors = validateBlocks(body.blocks, 'message');
    if (errors.length > 0) return reject(400, 'invalid_blocks', body, errors);
    blocks = withGeneratedIds(body.blocks as Block[]);
  }

  applyResponse(state, record.context, body, text, blocks, now);
  record.uses += 1;
  return { status: 200, text: 'ok', ok: true, body };
}

function deleteOriginal(state: EmulatorState, context: InteractionContext): void {
  const { channelId, messageTs } = context;
  if (channelId === undefined || messageTs === undefined) return;
  if (state.deleteMessage(channelId, messageTs)) return;
  state.ephemerals = state.ephemerals.filter((e) => !(e.channel === channelId && e.ts === messageTs));
}

/**
 * What the user sees after a response_url post: the original message replaced, a new message in the channel
 * (`response_type: 'in_channel'`), or, by default, an ephemeral message only the acting user sees.
 */
function applyResponse(
  state: EmulatorState,
  context: InteractionContext,
  body: Record<string, unknown>,
  text: string,
  blocks: Block[] | undefined,
  now: number,
): void {
  const { channelId, messageTs, userId } = context;
  if (channelId === undefined) return;
  const replace = body.replace_original === true || body.replace_original === 'true';
  if (replace && messageTs !== undefined) {
    const original = state.findMessage(channelId, messageTs);
    if (original) {
      original.text = text;
      if (blocks && blocks.length > 0) original.blocks = blocks;
      else delete original.blocks;
      original.edited = { user: state.identity.botUserId, ts: state.tsClock.next(now) };
      return;
    }
    const ephemeral = state.ephemerals.find((e) => e.channel === channelId && e.ts === messageTs);
    if (ephemeral) {
      ephemeral.text = text;
      ephemeral.blocks = blocks;
      return;
    }
  }
  const ts = state.tsClock.next(now);
  if (body.response_type === 'in_channel') {
    state.addMessage(channelId, state.newMessage({ text, blocks, ts }));
  } else if (userId !== undefined) {
    state.ephemerals.push({ channel: channelId, user: userId, ts, text, blocks });
  }
}

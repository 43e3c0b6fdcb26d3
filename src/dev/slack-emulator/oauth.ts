import { randomAlnum } from './ids';
import { type Args, stringArg } from './json';
import type { ApiAnswer } from './methods';
import type { Identity } from './state';

/** Slack's error answer; methods.ts imports the state that holds these grants, so it is not imported here. */
const fail = (error: string): ApiAnswer => ({ ok: false, error });

/** What a member approves on Slack's install page; Slack then redirects with a code for it. */
export interface InstallGrant {
  /** The workspace installing; defaults to the emulator's own. */
  teamId?: string;
  teamName?: string;
  /** Who installs: the member whose user token comes with the bot token. */
  userId: string;
  /** The bot scopes granted (comma-separated as Slack answers them). */
  scopes?: string[];
  /**
   * Token rotation on (manifest `token_rotation_enabled`): the tokens expire after this many seconds (Slack:
   * 43,200) and come with refresh tokens. Off when unset: the tokens never expire.
   */
  expiresInS?: number;
}

interface IssuedToken {
  teamId: string;
  /** ms since the epoch; undefined: never expires. */
  expiresAt: number | undefined;
}

interface RefreshGrant {
  teamId: string;
  teamName: string;
  tokenType: 'bot' | 'user';
  scopes: string[];
  expiresInS: number;
}

/**
 * Slack's OAuth as the app sees it: `oauth.v2.access` trades a code (once) for a bot and a user token,
 * and, with token rotation, a refresh token for fresh tokens. Tokens the emulator issued with an expiry
 * answer `token_expired` once it has passed; tokens it did not issue are accepted as before.
 */
export class OAuthGrants {
  private readonly codes = new Map<string, InstallGrant>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  constructor(private readonly identity: Identity) {}

  /** A code for the redirect to the app's /slack/oauth_redirect, good for one exchange. */
  mintCode(grant: InstallGrant): string {
    const code = `${Date.now()}.${randomAlnum(24)}`;
    this.codes.set(code, grant);
    return code;
  }

  /** The workspace of a token the emulator issued; undefined for any other token. */
  teamOf(token: string): string | undefined {
    return this.tokens.get(token)?.teamId;
  }

  /** True when the emulator issued this token with an expiry that has passed. */
  isExpired(token: string, now: number): boolean {
    const issued = this.tokens.get(token);
    return issued?.expiresAt !== undefined && issued.expiresAt <= now;
  }

  /** Makes a token the emulator issued expire now, as if its 12 hours had passed. */
  expire(token: string, now: number): void {
    const issued = this.tokens.get(token);
    if (!issued) throw new Error('the emulator did not issue this token');
    issued.expiresAt = now;
  }

  access(args: Args, now: number): ApiAnswer {
    if (!stringArg(args, 'client_id')) return fail('invalid_client_id');
    if (!stringArg(args, 'client_secret')) return fail('bad_client_secret');
    const grantType = stringArg(args, 'grant_type') ?? 'authorization_code';
    if (grantType === 'refresh_token') return this.refresh(stringArg(args, 'refresh_token'), now);
    if (grantType !== 'authorization_code') return fail('invalid_grant_type');
    const code = stringArg(args, 'code');
    const grant = code === undefined ? undefined : this.codes.get(code);
    if (!code || !grant) return fail('invalid_code');
    this.codes.delete(code);
    const teamId = grant.teamId ?? this.identity.teamId;
    const teamName = grant.teamName ?? this.identity.teamName;
    const scopes = grant.scopes ?? ['commands', 'chat:write'];
    const bot = this.issue({ teamId, teamName, tokenType: 'bot', scopes, expiresInS: grant.expiresInS }, now);
    const user = this.issue(
      { teamId, teamName, tokenType: 'user', scopes: [], expiresInS: grant.expiresInS },
      now,
    );
    return {
      ok: true,
      ...bot,
      bot_user_id: this.identity.botUserId,
      app_id: this.identity.appId,
      team: { id: teamId, name: teamName },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: grant.userId, ...user },
    };
  }

  private refresh(refreshToken: string | undefined, now: number): ApiAnswer {
    const grant = refreshToken === undefined ? undefined : this.refreshTokens.get(refreshToken);
    if (!grant) return fail('invalid_refresh_token');
    return {
      ok: true,
      ...this.issue(grant, now),
      bot_user_id: this.identity.botUserId,
      app_id: this.identity.appId,
      team: { id: grant.teamId, name: grant.teamName },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  /** A new token (with a refresh token and its lifetime when rotation is on), as oauth.v2.access answers it. */
  private issue(grant: Omit<RefreshGrant, 'expiresInS'> & { expiresInS: number | undefined }, now: number) {
    const kind = grant.tokenType === 'bot' ? 'xoxb' : 'xoxp';
    const secret = `${this.identity.teamId.slice(1)}-${randomAlnum(24)}`;
    const scope = grant.scopes.join(',');
    if (grant.expiresInS === undefined) {
      const token = `${kind}-${secret}`;
      this.tokens.set(token, { teamId: grant.teamId, expiresAt: undefined });
      return { access_token: token, token_type: grant.tokenType, scope };
    }
    const token = `xoxe.${kind}-1-${secret}`;
    const refreshToken = `xoxe-1-${randomAlnum(32)}`;
    this.tokens.set(token, { teamId: grant.teamId, expiresAt: now + grant.expiresInS * 1000 });
    this.refreshTokens.set(refreshToken, { ...grant, expiresInS: grant.expiresInS });
    return {
      access_token: token,
      token_type: grant.tokenType,
      scope,
      refresh_token: refreshToken,
      expires_in: grant.expiresInS,
    };
  }
}

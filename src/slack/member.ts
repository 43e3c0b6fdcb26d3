import type { webApi } from '@slack/bolt';
import { isTimeZone } from '../domain/dates';
import { type Member, type MemberRef, setMemberTimeZone, upsertMember } from '../store/members';
import type { Deps } from './deps';

/** users.info is asked at most this long before an interaction goes on without it (UTC meanwhile). */
const TZ_LOOKUP_BUDGET_MS = 1200;

/** The member who sent an interaction payload (block_actions, view_submission, block_suggestion). */
export function memberOfPayload(body: {
  user: { id: string; team_id?: string };
  team?: { id: string } | null;
}): MemberRef {
  const teamId = body.user.team_id ?? body.team?.id;
  if (!teamId) throw new Error('interaction without a team');
  return { teamId, userId: body.user.id };
}

/**
 * Returns the member, recording them the first time they are seen, with their time zone from
 * Slack. A slow or failing users.info never blocks the member: they stay on UTC and Slack is
 * asked again on their next interaction.
 */
export async function ensureMember(deps: Deps, client: webApi.WebClient, ref: MemberRef): Promise<Member> {
  const member = await upsertMember(deps.db, ref, deps.clock.now());
  if (member.tzFromSlack) return member;
  try {
    const tz = await withTimeout(
      client.users.info({ user: ref.userId }).then((r) => r.user?.tz),
      TZ_LOOKUP_BUDGET_MS,
    );
    if (tz && isTimeZone(tz) && (await setMemberTimeZone(deps.db, ref, tz))) {
      return { ...member, tz: member.tzOverride ?? tz, slackTz: tz, tzFromSlack: true };
    }
  } catch (err) {
    deps.logger.warn(
      { err, userId: ref.userId },
      'could not read the member time zone from Slack; using UTC for now',
    );
  }
  return member;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

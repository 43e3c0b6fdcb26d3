import { isTimeZone } from '../domain/dates';
import {
  type Arrival,
  getMember,
  type Member,
  type MemberRef,
  memberOnArrival,
  memberOnDelivery,
  setMemberTimeZone,
  upsertMember,
} from '../store/members';
import { clearWorkspaceUninstalled } from '../store/workspaces';
import { DELIVERY_ID_MAX } from './deliveries';
import type { UseCaseDeps } from './deps';

export type { Member, MemberRef };

/**
 * Returns the member, recording them the first time they are seen, with their time zone from the
 * platform (`platformTimeZone`: Slack's users.info). A slow or failing lookup never blocks the
 * member: they stay on UTC and are asked again on their next interaction. A request from a workspace
 * recorded as uninstalled means touchbase is installed there again (Slack sends nothing otherwise),
 * so the workspace's digests resume.
 */
export async function enrolMember(
  deps: UseCaseDeps,
  ref: MemberRef,
  platformTimeZone: () => Promise<string | undefined>,
): Promise<Member> {
  return settleArrival(deps, ref, await memberOnArrival(deps.db, ref), platformTimeZone);
}

/**
 * enrolMember for a request Slack may deliver again (a slash command, by its trigger_id): the
 * delivery is recorded in the same round trip as the member is read. Null when it was already taken
 * in: a replay inside the signature's 5 minutes, which must not run twice.
 */
export async function enrolMemberOnce(
  deps: UseCaseDeps,
  ref: MemberRef,
  deliveryId: string,
  platformTimeZone: () => Promise<string | undefined>,
): Promise<Member | null> {
  const { firstDelivery, arrival } = await memberOnDelivery(
    deps.db,
    ref,
    deliveryId.slice(0, DELIVERY_ID_MAX),
    deps.clock.now(),
  );
  return firstDelivery ? settleArrival(deps, ref, arrival, platformTimeZone) : null;
}

/** What an arrival has to record: a new member, digests to resume, a workspace back, a zone. */
async function settleArrival(
  deps: UseCaseDeps,
  ref: MemberRef,
  arrival: Arrival | null,
  platformTimeZone: () => Promise<string | undefined>,
): Promise<Member> {
  // Written only when there is something to record: a new member, digests to resume, a workspace back.
  const member =
    arrival && !arrival.digestsStopped ? arrival.member : await upsertMember(deps.db, ref, deps.clock.now());
  if (!arrival || arrival.workspaceUninstalled) await clearWorkspaceUninstalled(deps.db, ref.teamId);
  if (member.tzFromSlack) return member;
  try {
    const tz = await platformTimeZone();
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

/** The member as stored, without recording anyone new (typeahead answers need only a read). */
export async function findMember(deps: UseCaseDeps, ref: MemberRef): Promise<Member | null> {
  return getMember(deps.db, ref);
}

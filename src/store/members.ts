import type { Db } from './db';

/** A Slack user in a workspace: the owner of a network. Every member-data query is scoped by it. */
export interface MemberRef {
  teamId: string;
  userId: string;
}

export interface Member extends MemberRef {
  tz: string;
  tzFromSlack: boolean;
}

const MEMBER_COLUMNS = `team_id AS "teamId", user_id AS "userId", tz, tz_from_slack AS "tzFromSlack"`;

/** Returns the member, creating them (with UTC until Slack tells their zone) the first time they are seen. */
export async function upsertMember(db: Db, member: MemberRef, now: Date): Promise<Member> {
  const { rows } = await db.query<Member>(
    `INSERT INTO members (team_id, user_id, created_at)
     VALUES ($1::text, $2::text, $3::timestamptz)
     ON CONFLICT (team_id, user_id) DO UPDATE SET team_id = EXCLUDED.team_id
     RETURNING ${MEMBER_COLUMNS}`,
    [member.teamId, member.userId, now],
  );
  return rows[0] as Member;
}

export async function getMember(db: Db, member: MemberRef): Promise<Member | null> {
  const { rows } = await db.query<Member>(
    `SELECT ${MEMBER_COLUMNS} FROM members WHERE team_id = $1::text AND user_id = $2::text`,
    [member.teamId, member.userId],
  );
  return rows[0] ?? null;
}

export async function setMemberTimeZone(db: Db, member: MemberRef, tz: string): Promise<void> {
  await db.query(
    `UPDATE members SET tz = $3::text, tz_from_slack = true WHERE team_id = $1::text AND user_id = $2::text`,
    [member.teamId, member.userId, tz],
  );
}

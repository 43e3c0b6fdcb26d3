import type { webApi } from '@slack/bolt';
import type { LocalDate } from '../domain/dates';
import type { HomeModel } from '../domain/home';
import type { MemberRef } from '../usecases/members';
import { homeView } from './blocks/home-view';

/** Reads the Home to publish, or null when there is nothing to publish after all. */
export type DrawHome = () => Promise<{ home: HomeModel; today: LocalDate } | null>;

interface Turn {
  /** Settles (never rejects) once this publish and every one queued before it are done. */
  tail: Promise<void>;
  /** The publish waiting for its turn; requests arriving meanwhile join it. */
  waiting?: { draw: DrawHome; client: webApi.WebClient; result: Promise<void> };
}

const turns = new Map<string, Turn>();

/**
 * Publishes a member's App Home, one publish at a time per member in this process, each drawn from
 * the database when its turn comes. A click and a command close together each re-publish the Home:
 * run side by side, the one that read first could land last and show what the member had just
 * changed as still to do. Requests made while a publish is under way join the single one queued
 * behind it, so a burst of clicks costs at most two publishes and the last always reads last.
 */
export function publishHome(ref: MemberRef, client: webApi.WebClient, draw: DrawHome): Promise<void> {
  const key = `${ref.teamId}:${ref.userId}`;
  const current = turns.get(key);
  if (current?.waiting) {
    current.waiting.draw = draw;
    current.waiting.client = client;
    return current.waiting.result;
  }
  const waiting: NonNullable<Turn['waiting']> = { draw, client, result: Promise.resolve() };
  const turn: Turn = { tail: Promise.resolve(), waiting };
  waiting.result = (current?.tail ?? Promise.resolve()).then(async () => {
    // From here on this publish reads the database: a later request must queue behind it.
    turn.waiting = undefined;
    const drawn = await waiting.draw();
    if (drawn) {
      // The view goes as the JSON Slack's form-encoded API takes, written once here: handed an object,
      // the client also copies all of it for a debug line it builds whether or not anything logs it
      // (about a millisecond per Home of a large network).
      await waiting.client.apiCall('views.publish', {
        user_id: ref.userId,
        view: JSON.stringify(homeView(drawn.home, drawn.today)),
      });
    }
  });
  turn.tail = waiting.result.then(
    () => undefined,
    () => undefined,
  );
  turns.set(key, turn);
  void turn.tail.then(() => {
    if (turns.get(key) === turn) turns.delete(key);
  });
  return waiting.result;
}

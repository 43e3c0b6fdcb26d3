import fc from 'fast-check';
import { formField } from '../../src/slack/rate-gate';

/*
 * The rate gate tells a call's workspace by the team_id in its form body without decoding the rest
 * of it (a Home's whole view): it must read what URLSearchParams reads, whatever the body holds.
 */

const text = fc.string({ unit: 'binary', maxLength: 12 });
const names = fc.constantFrom('team_id', 'view', 'user_id', 'team', 'xteam_id', 'team_idx');

test('reads the first team_id as URLSearchParams does, wherever it stands and whatever the values say', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.oneof(names, text), fc.oneof(text, fc.constant('&team_id=T9'))), { maxLength: 6 }),
      (fields) => {
        const body = new URLSearchParams(fields).toString();
        expect(formField(body, 'team_id')).toBe(new URLSearchParams(body).get('team_id'));
      },
    ),
  );
});

test('a body written by hand, with a stray % or + for a space, reads as URLSearchParams reads it', () => {
  for (const body of [
    'team_id=T%ZZ1',
    'view=%7B%7D&team_id=T+1',
    'a=1&team_id=',
    'team_id',
    'a=1&team_id',
    'team_id&a=1',
    'a=1&team_id&b=2',
    'team_idx&xteam_id',
    'view=%7B%22team_id%22%3A%22T1%22%7D',
    'xteam_id=T1',
    '&team_id=T2&team_id=T3',
  ]) {
    expect(formField(body, 'team_id')).toBe(new URLSearchParams(body).get('team_id'));
  }
});

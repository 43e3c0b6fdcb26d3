import { TextDecoder } from 'node:util';
import { collectPeople, parseBirthday, type RawPerson } from './people';
import type { ParseResult } from './types';

/*
 * A small vCard reader rather than a package: the maintained ones (ical.js, vcard4) read vCard
 * 3.0/4.0 from a decoded string, so they cannot honour QUOTED-PRINTABLE with a CHARSET from
 * older phones, which needs the bytes; the others are unmaintained or lack it too. It reads only
 * what touchbase keeps and tolerates what exporters get wrong.
 */

interface Property {
  name: string;
  /** Parameter names upper-cased; a vCard 2.1 bare parameter (`;WORK`) counts as a TYPE. */
  params: Map<string, string[]>;
  /** The value's bytes as a latin1 string (one char a byte), decoded only when read. */
  value: string;
}

interface Card {
  number: number;
  properties: Property[];
  ended: boolean;
}

class Unreadable extends Error {}

const ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

/** Splits on `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string, limit = Number.POSITIVE_INFINITY): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length && parts.length < limit - 1; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function parseProperty(line: string): Property | null {
  const [left, value] = splitOutsideQuotes(line, ':', 2);
  if (value === undefined || !left) return null;
  const [nameWithGroup = '', ...rawParams] = splitOutsideQuotes(left, ';');
  const params = new Map<string, string[]>();
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    const key =
      eq < 0 ? (ENCODINGS.has(raw.toUpperCase()) ? 'ENCODING' : 'TYPE') : raw.slice(0, eq).toUpperCase();
    const values = (eq < 0 ? raw : raw.slice(eq + 1)).split(',').map((v) => v.replace(/^"|"$/g, ''));
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  // `item1.URL`: Apple and Google group a value with its label; the group does not matter here.
  const name = nameWithGroup.slice(nameWithGroup.lastIndexOf('.') + 1).toUpperCase();
  return { name, params, value };
}

const isQuotedPrintable = (line: string) =>
  /QUOTED-PRINTABLE/i.test(splitOutsideQuotes(line, ':', 2)[0] ?? '');

/** Undoes line folding (a line starting with a space or tab continues the one before) and QP soft breaks (`=` at the end). */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  for (const physical of text.split(/\r\n|\r|\n/)) {
    const last = lines.length - 1;
    const previous = lines[last];
    const folded = physical.startsWith(' ') || physical.startsWith('\t');
    const softBreak = !!previous?.endsWith('=') && isQuotedPrintable(previous ?? '');
    if (previous !== undefined && (folded || softBreak)) {
      // A soft break's next line is all value, leading space included; a fold drops its one space.
      lines[last] = softBreak ? previous.slice(0, -1) + physical : previous + physical.slice(1);
    } else if (physical.trim()) {
      lines.push(physical);
    }
  }
  return lines;
}

function readCards(text: string): Card[] {
  const cards: Card[] = [];
  let open: Card | null = null;
  for (const line of logicalLines(text)) {
    const property = parseProperty(line);
    if (!property) continue;
    const marker = property.value.trim().toUpperCase();
    if (property.name === 'BEGIN' && marker === 'VCARD') {
      open = { number: cards.length + 1, properties: [], ended: false };
      cards.push(open);
    } else if (property.name === 'END' && marker === 'VCARD' && open) {
      open.ended = true;
      open = null;
    } else if (open) {
      open.properties.push(property);
    }
  }
  return cards;
}

function quotedPrintableBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

/** The property's value as text: QUOTED-PRINTABLE undone, then its CHARSET (UTF-8 unless it says otherwise). */
function decode(property: Property, card: number): string {
  const encoding = property.params.get('ENCODING')?.[0]?.toUpperCase();
  if (encoding === 'BASE64' || encoding === 'B') return '';
  const bytes =
    encoding === 'QUOTED-PRINTABLE'
      ? quotedPrintableBytes(property.value)
      : Buffer.from(property.value, 'latin1');
  const charset = property.params.get('CHARSET')?.[0] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new Unreadable(
      `Card ${card} uses a character set touchbase cannot read (${charset.slice(0, 40)}): export the contacts again as vCard 3.0 or 4.0.`,
    );
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Unreadable(
      `Card ${card} is not UTF-8 text and names no other character set: export the contacts again as vCard 3.0 or 4.0.`,
    );
  }
}

/** Undoes vCard escapes: `\n` is a newline, and `\,` `\;` `\\` (and Google's `\:`) the character itself. */
function unescapeText(text: string): string {
  return text.replace(/\\(.)/g, (_match, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Components of a structured value (N, ADR, ORG): split on each `;` not escaped, then unescaped. */
function components(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ';') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => unescapeText(part).trim());
}

function isPreferred(property: Property): boolean {
  const types = (property.params.get('TYPE') ?? []).map((t) => t.toUpperCase());
  return types.includes('PREF') || property.params.get('PREF')?.[0] === '1';
}

function readPerson(card: Card): RawPerson {
  const all = (name: string) => {
    const found = card.properties.filter((p) => p.name === name);
    return [...found.filter(isPreferred), ...found.filter((p) => !isPreferred(p))];
  };
  const text = (name: string) => {
    const property = all(name)[0];
    return property ? unescapeText(decode(property, card.number)) : '';
  };
  const parts = (name: string) => all(name).map((p) => components(decode(p, card.number)));

  // N is family; given; additional; prefixes; suffixes.
  const [family = '', given = '', additional = ''] = parts('N')[0] ?? [];
  const name = text('FN') || [given, additional, family].filter(Boolean).join(' ');
  const urls = [...all('URL'), ...all('X-SOCIALPROFILE')].map((p) => unescapeText(decode(p, card.number)));
  return {
    line: card.number,
    name,
    company: parts('ORG')[0]?.[0],
    role: text('TITLE'),
    // ADR's fourth component is the city.
    city: parts('ADR')
      .map((adr) => adr[3] ?? '')
      .find(Boolean),
    email: text('EMAIL'),
    profileUrl: urls.find((u) => /linkedin\.com\//i.test(u)),
    birthday: parseBirthday(text('BDAY')),
    note: text('NOTE'),
  };
}

/** A file of vCards (2.1, 3.0 or 4.0), one person a card; a card cut off by the end of the file is skipped. */
export function parseVcards(bytes: Buffer): ParseResult {
  const cards = readCards(bytes.toString('latin1'));
  const complete = cards.filter((card) => card.ended);
  let raws: RawPerson[];
  try {
    raws = complete.map(readPerson);
  } catch (error) {
    if (error instanceof Unreadable) return { kind: 'refused', reason: error.message };
    throw error;
  }
  const { people, skipped } = collectPeople(raws, 'card');
  const cutShort = cards
    .filter((card) => !card.ended)
    .map((card) => ({ line: card.number, reason: 'the file ends in the middle of this card' }));
  return { kind: 'people', format: 'vcard', people, skipped: [...skipped, ...cutShort] };
}

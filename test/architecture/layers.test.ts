import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The layers of DESIGN.md, checked on the source itself so they stay true: listeners parse, call a
 * use case and render; use cases own the rules and transactions but speak neither Slack nor SQL;
 * the domain is pure; SQL lives in the store; production code never reaches the dev tools.
 */

const SRC = path.resolve(__dirname, '..', '..', 'src');

interface SourceFile {
  /** Relative to src/, with forward slashes: `slack/listeners/index.ts`. */
  name: string;
  text: string;
  /** What it imports: a package name, or a path relative to src/ for the project's own modules. */
  imports: string[];
}

function sourceFiles(dir = SRC): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    if (!entry.name.endsWith('.ts')) return [];
    const text = readFileSync(full, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1] as string);
    const imports = specifiers.map((s) =>
      s.startsWith('.')
        ? path
            .relative(SRC, path.resolve(path.dirname(full), s))
            .split(path.sep)
            .join('/')
        : s,
    );
    return [{ name: path.relative(SRC, full).split(path.sep).join('/'), text, imports }];
  });
}

const files = sourceFiles();
const under = (folder: string) => files.filter((f) => f.name.startsWith(`${folder}/`));
const offenders = (list: SourceFile[], bad: (imported: string) => boolean) =>
  list.flatMap((f) => f.imports.filter(bad).map((i) => `${f.name} imports ${i}`));

/** An SQL statement in code: the verbs the store uses, in the shape SQL writes them. */
const SQL = /\b(SELECT\s[\s\S]*?\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+(?:\w+\s+)?SET|DELETE\s+FROM)\b/;

test('the scan sees the layers it checks (so the rules below cannot pass vacuously)', () => {
  expect(under('slack/listeners').length).toBeGreaterThan(10);
  expect(under('usecases').length).toBeGreaterThan(5);
  expect(under('domain').length).toBeGreaterThan(5);
  expect(offenders(under('slack/listeners'), (i) => i.startsWith('usecases/')).length).toBeGreaterThan(0);
  expect(offenders(under('usecases'), (i) => i.startsWith('store/')).length).toBeGreaterThan(0);
  expect(under('store').some((f) => SQL.test(f.text))).toBe(true);
});

test('no Slack listener reaches the store: they call use cases', () => {
  expect(offenders(under('slack/listeners'), (i) => i.startsWith('store/'))).toEqual([]);
});

test('nothing in src/slack reaches the store, not even for a type', () => {
  expect(offenders(under('slack'), (i) => i.startsWith('store/'))).toEqual([]);
});

test('use cases speak neither Slack nor SQL', () => {
  expect(offenders(under('usecases'), (i) => i.startsWith('@slack/') || i.startsWith('slack/'))).toEqual([]);
  expect(offenders(under('usecases'), (i) => i === 'pg')).toEqual([]);
  const withSql = under('usecases').filter((f) => SQL.test(f.text) || /\.query\s*[<(]/.test(f.text));
  expect(withSql.map((f) => f.name)).toEqual([]);
});

/**
 * Libraries the domain may use: pure functions of their arguments, no I/O and no clock (chrono-node
 * reads English dates against the reference day it is given).
 */
const PURE_LIBRARIES = ['chrono-node'];

test('the domain is pure: it imports only itself and pure libraries', () => {
  expect(offenders(under('domain'), (i) => !i.startsWith('domain/') && !PURE_LIBRARIES.includes(i))).toEqual(
    [],
  );
});

test('SQL lives only in src/store', () => {
  const outside = files.filter((f) => !f.name.startsWith('store/') && !f.name.startsWith('dev/'));
  expect(outside.filter((f) => /\.query\s*[<(]/.test(f.text)).map((f) => f.name)).toEqual([]);
});

test('production code never imports the emulator, the driver or the sandbox', () => {
  const production = files.filter((f) => !f.name.startsWith('dev/'));
  expect(offenders(production, (i) => i.startsWith('dev/'))).toEqual([]);
});

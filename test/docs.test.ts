// The docs stay true: every command they quote exists (npm script, CLI subcommand and flag, script file),
// and every relative link and anchor resolves.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_COMMANDS, CLI_FLAGS } from '../src/cli/options';
import { headingAnchors, linkTargets, quotedCode } from './markdown';

const ROOT = resolve(__dirname, '..');
const scripts: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
const VITRINE = /(?:^|\s)(?:node dist-cli\/vitrine\.js|npx vitrine|npm run vitrine --|vitrine)\s+([a-z]\S*)(.*)$/;

const docs = (): string[] => [
  'README.md',
  'src/presign/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** What in one command line does not exist; `seen` counts the kinds checked, so a broken parser shows. */
function commandProblems(command: string, seen: Map<string, number>): string[] {
  const count = (kind: string) => seen.set(kind, (seen.get(kind) ?? 0) + 1);
  const problems: string[] = [];
  const npm = /(?:^|\s)npm (?:run (\S+)|(start|test))(?: -- (.*))?/.exec(command);
  if (npm) {
    count('npm');
    const name = npm[1] ?? npm[2] ?? '';
    const script = scripts[name] as string | undefined;
    if (!script) problems.push(`no npm script "${name}"`);
    const file = script && /^node (\S+\.m?js)/.exec(script)?.[1];
    const source = file && existsSync(join(ROOT, file)) ? readFileSync(join(ROOT, file), 'utf8') : '';
    for (const flag of (npm[3] ?? '').match(/--[a-z][\w-]*/g) ?? [])
      if (name !== 'vitrine' && !source.includes(`'${flag}'`)) problems.push(`npm run ${name} has no ${flag}`);
  }
  const cli = VITRINE.exec(command);
  if (cli) {
    count('vitrine');
    const [, sub = '', rest = ''] = cli;
    if (!(CLI_COMMANDS as readonly string[]).includes(sub)) problems.push(`no vitrine subcommand "${sub}"`);
    for (const flag of rest.match(/--[a-z][\w-]*/g) ?? [])
      if (!Object.hasOwn(CLI_FLAGS, flag.slice(2))) problems.push(`vitrine has no ${flag}`);
  }
  for (const file of command.match(/(?<=(?:^|\s)node )scripts\/\S+/g) ?? []) {
    count('script');
    if (!existsSync(join(ROOT, file))) problems.push(`no file ${file}`);
  }
  return problems;
}

/** Every command or link in one Markdown file that points at nothing. */
function docProblems(file: string, text: string, seen: Map<string, number>): string[] {
  const problems: string[] = [];
  for (const snippet of quotedCode(text))
    for (const command of snippet.split(/ \| | && | \|\| |; /))
      problems.push(...commandProblems(command.trim(), seen).map((p) => `${file}: \`${command.trim()}\`: ${p}`));
  for (const target of linkTargets(text)) {
    if (/^[a-z]+:/i.test(target)) continue;
    seen.set('link', (seen.get('link') ?? 0) + 1);
    const [path, anchor] = target.split('#');
    const to = path ? resolve(ROOT, dirname(file), decodeURI(path)) : join(ROOT, file);
    if (path && !existsSync(to)) problems.push(`${file}: link to ${target}: no ${relative(ROOT, to)}`);
    else if (anchor && to.endsWith('.md') && !headingAnchors(path ? readFileSync(to, 'utf8') : text).has(anchor))
      problems.push(`${file}: link to ${target}: no heading #${anchor}`);
  }
  return problems;
}

describe('the docs', () => {
  it('quote only commands that exist and link only to files and headings that exist', () => {
    const seen = new Map<string, number>();
    const problems = docs().flatMap((file) => docProblems(file, readFileSync(join(ROOT, file), 'utf8'), seen));
    expect(problems).toEqual([]);
    // The README alone quotes npm scripts, the CLI and links; finding none would mean the reader broke.
    for (const kind of ['npm', 'vitrine', 'link']) expect(seen.get(kind) ?? 0).toBeGreaterThan(3);
  });

  it('keep the README short enough to read in five minutes', () => {
    expect(readFileSync(join(ROOT, 'README.md')).byteLength).toBeLessThanOrEqual(12 * 1024);
  });

  it('name what is wrong in a made-up page', () => {
    const page = [
      '# Title',
      '```sh',
      'npm run no-such-script',
      'node dist-cli/vitrine.js tile a.jpg --out b \\',
      '  --no-such-flag 1',
      'ls *.tif | parallel vitrine frobnicate {}',
      '```',
      'See [here](#title), [there](#nowhere), [gone](missing.md) and `node scripts/absent.mjs`.',
    ].join('\n');
    expect(docProblems('README.md', page, new Map())).toEqual([
      'README.md: `npm run no-such-script`: no npm script "no-such-script"',
      'README.md: `node dist-cli/vitrine.js tile a.jpg --out b --no-such-flag 1`: vitrine has no --no-such-flag',
      'README.md: `parallel vitrine frobnicate {}`: no vitrine subcommand "frobnicate"',
      'README.md: `node scripts/absent.mjs`: no file scripts/absent.mjs',
      'README.md: link to #nowhere: no heading #nowhere',
      'README.md: link to missing.md: no missing.md',
    ]);
  });
});

/**
 * The README's campaign and 'Finding out why' commands, run as written from the repository root with the
 * package registry unreachable: they must reach this workspace's CLI, never a
 * registry package of the same name. Relative output folders (`results/`) are moved
 * into a temporary folder, so the test leaves nothing in the repository.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'chaos-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The shell lines of the README section `heading`, comments stripped. */
function commandsUnder(heading: string): string[] {
  const section = readme.slice(readme.indexOf(`## ${heading}`));
  const block = /```sh\n([\s\S]*?)```/.exec(section.slice(0, section.indexOf('\n## ', 3)))?.[1] ?? '';
  return block
    .replace(/\\\n\s*/g, ' ') // a command continued on the next line is one command
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** A package registry nothing answers at, for npm, npx and pnpm alike. */
const OFFLINE = {
  npm_config_registry: 'http://127.0.0.1:9/',
  NPM_CONFIG_REGISTRY: 'http://127.0.0.1:9/',
  PNPM_CONFIG_REGISTRY: 'http://127.0.0.1:9/',
  npm_config_fetch_retries: '0',
  PNPM_CONFIG_FETCH_RETRIES: '0',
  PNPM_CONFIG_UPDATE_NOTIFIER: 'false',
  NO_COLOR: '1',
};

function sh(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CHAOS_')));
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', command], { cwd: root, env: { ...env, ...OFFLINE }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error);
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

describe('the README, as a new user reads it', () => {
  const commands = commandsUnder('Running a campaign');

  it('shows no command that could run a registry package instead of this workspace', () => {
    expect(commands.length).toBeGreaterThanOrEqual(4);
    expect(commands.every((c) => c.startsWith('pnpm chaos '))).toBe(true);
    for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) expect(block[1]).not.toMatch(/^\s*npx /m);
  });

  it.skipIf(!existsSync(join(root, 'packages/runner/dist/cli.js')))(
    "runs every 'Running a campaign' command offline from the repository root",
    async () => {
      for (const command of commands) {
        const local = command.replace(/(?<=\s)(results[\w-]*\/)/g, `${work}/$1`);
        const { code, stdout, stderr } = await sh(local);
        expect({ command, code, stderr: code === 0 ? '' : stderr }).toEqual({ command, code: 0, stderr: '' });
        expect(`${stdout}${stderr}`).not.toMatch(/ECONNREFUSED|npm error|chaos@\d/);
      }
      const results = readdirSync(join(work, 'results'));
      expect(results.filter((f) => f.startsWith('chaos_report_'))).toHaveLength(1); // run --report, then report: the same report
      expect(readdirSync(join(work, 'results-v2')).some((f) => f.startsWith('chaos_full_metrics_'))).toBe(true);
    },
    180_000,
  );

  // After the campaign above: `chaos plan` takes its first campaign as the pilot.
  it.skipIf(!existsSync(join(root, 'packages/runner/dist/cli.js')))(
    "runs every 'Finding out why' command offline from the repository root",
    async () => {
      const answers = commandsUnder('Finding out why');
      expect(answers.map((c) => /pnpm chaos (\w+)/.exec(c)?.[1])).toEqual(['shrink', 'sweep', 'run', 'plan']);
      for (const command of answers) {
        const local = command.replace(/(?<=\s)(results[\w-]*\/|sweep\.html)/g, `${work}/$1`);
        const { code, stdout, stderr } = await sh(local);
        expect({ command, code, stderr: code === 0 ? '' : stderr }).toEqual({ command, code: 0, stderr: '' });
        expect(`${stdout}${stderr}`).not.toMatch(/ECONNREFUSED|npm error|chaos@\d/);
      }
      expect(existsSync(join(work, 'sweep.html'))).toBe(true);
    },
    180_000,
  );
});

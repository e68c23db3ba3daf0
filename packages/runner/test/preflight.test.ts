import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { preflight } from '../src/_internals/cli/preflight.js';
import { fileSystem } from '../src/_internals/fileSystem.js';

function denied(path: string): Error {
  return Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
}

describe('preflight of the paths a campaign writes', () => {
  it('names a folder it may not write in (as any user: the file system refuses the probe)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaos-preflight-'));
    const real = fileSystem.openSync;
    vi.spyOn(fileSystem, 'openSync').mockImplementation(((path: string, flags: string) => {
      if (String(path).includes('.chaos-preflight-')) throw denied(String(path));
      return real(path, flags);
    }) as typeof fileSystem.openSync);
    expect(() => preflight([{ option: '--out', path: dir, kind: 'folder' }])).toThrow(
      `--out "${dir}" is not writable (EACCES: permission denied, open '${join(dir, `.chaos-preflight-${process.pid}`)}')`,
    );
  });

  it('names a journal it may not open for writing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaos-preflight-'));
    const file = join(dir, 'j.jsonl');
    vi.spyOn(fileSystem, 'statSync').mockImplementation((() => ({ isDirectory: () => false, isFile: () => true })) as unknown as typeof fileSystem.statSync);
    vi.spyOn(fileSystem, 'openSync').mockImplementation(((path: string) => {
      throw denied(String(path));
    }) as typeof fileSystem.openSync);
    expect(() => preflight([{ option: '--journal', path: file, kind: 'file' }])).toThrow(`--journal "${file}" cannot be opened for writing (EACCES`);
  });

  it('leaves nothing behind: a folder to be created is made and removed again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaos-preflight-'));
    mkdirSync(join(dir, 'a'));
    const made = vi.spyOn(fileSystem, 'mkdirSync');
    preflight([{ option: '--out', path: join(dir, 'a', 'b', 'c'), kind: 'folder' }]);
    expect(made).toHaveBeenCalledTimes(1);
    expect(made).toHaveBeenCalledWith(join(dir, 'a', 'b'));
    expect(() => fileSystem.statSync(join(dir, 'a', 'b'))).toThrow(/ENOENT/);
  });
});

#!/usr/bin/env node
/**
 * The `chaos` executable: `chaos list`, `chaos run`, `chaos replay`. All the logic is
 * in `runCli`; this file only binds it to the process.
 */
import { runCli } from './runCli.js';

function exitOnceFlushed(): void {
  const busy = [process.stdout, process.stderr].find((stream) => stream.writableLength > 0);
  if (busy === undefined) process.exit();
  else busy.once('drain', exitOnceFlushed);
}

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stderr.isTTY === true,
}).then(
  (code) => {
    process.exitCode = code;
    // The command is done. A library may have left a timer behind (BullMQ waits 5 s
    // before retrying a lost connection, even once closed): after a second, leave
    // rather than wait for it — once everything written has reached stdout and stderr.
    setTimeout(exitOnceFlushed, 1000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`chaos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);

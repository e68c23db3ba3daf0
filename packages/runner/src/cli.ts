#!/usr/bin/env node
/**
 * The `chaos` executable: `chaos list`, `run`, `replay`, `report`, `compare`,
 * `salvage`. All the logic is in `runCli`; this file only binds it to the process.
 */
import { EXIT_CODES, runCli } from './runCli.js';

// A reader that stops early (`chaos list | head -1`) closes the pipe: that is the end of
// the output, not a crash to print.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_CODES.ok);
  throw error;
});

function exitOnceFlushed(): void {
  const busy = [process.stdout, process.stderr].find((stream) => stream.writableLength > 0);
  if (busy === undefined) process.exit();
  else busy.once('drain', exitOnceFlushed);
}

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stderr.isTTY === true,
  env: process.env,
  ownsProcess: true,
}).then(
  (code) => {
    // Stopped by a signal: runs still in flight in this thread are abandoned, not awaited.
    if (code === EXIT_CODES.interrupted || code === EXIT_CODES.terminated) process.exit(code);
    process.exitCode = code;
    // The command is done. A library may have left a timer behind (BullMQ waits 5 s
    // before retrying a lost connection, even once closed): after a second, leave
    // rather than wait for it — once everything written has reached stdout and stderr.
    setTimeout(exitOnceFlushed, 1000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`chaos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_CODES.failed;
  },
);

#!/usr/bin/env node
/**
 * The `chaos` executable: `chaos list`, `chaos run`, `chaos replay`. All the logic is
 * in `runCli`; this file only binds it to the process.
 */
import { runCli } from './runCli.js';

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stderr.isTTY === true,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`chaos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);

/** `chaos list`: the registered scenarios (and those a `--module` exports), by name. */
import { getScenarios } from '@chaos/scenarios';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { loadModule } from '../loadModule.js';
import { nonEmpty } from '../options.js';
import type { CliIO } from '../usage.js';

interface ListOptions {
  json?: boolean;
  module?: string;
}

/** Adds `chaos list` to the program. */
export function addListCommand(program: Command, { io }: CliContext): void {
  program
    .command('list')
    .description('list the registered scenarios')
    .option('--json', 'print the scenarios as JSON')
    .option('--module <path>', 'a module to import first that registers or exports scenarios', nonEmpty)
    .action(async (options: ListOptions) => {
      await listCommand(options, io);
    });
}

async function listCommand(options: ListOptions, io: CliIO): Promise<void> {
  const loaded = await loadModule(options.module);
  const all = [...getScenarios()];
  for (const scenario of loaded?.exported.values() ?? []) if (!all.some((s) => s.name === scenario.name)) all.push(scenario);
  const scenarios = all.map((s) => ({ name: s.name, description: s.description }));
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify(scenarios, null, 2)}\n`);
    return;
  }
  const width = Math.max(...scenarios.map((s) => s.name.length), 0);
  for (const s of scenarios) io.stdout.write(`${s.name.padEnd(width)}  ${s.description}\n`);
}

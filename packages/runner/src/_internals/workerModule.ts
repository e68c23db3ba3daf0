import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeError } from '@chaos/format';
import { getScenario, getScenarios, isBuiltinScenario, type Scenario, type WorkflowFactory } from '@chaos/scenarios';

/** A user module loaded for a campaign: its scenarios and workflow factory. */
export interface LoadedModule {
  /** The module's file URL. */
  readonly href: string;
  /** Scenarios the module exports (directly or in an exported array), by name. */
  readonly exported: ReadonlyMap<string, Scenario>;
  /** Scenarios that importing the module registered, by name. */
  readonly registered: ReadonlyMap<string, Scenario>;
  /** The module's `workflowFactory` export, if any. */
  readonly workflowFactory: WorkflowFactory | undefined;
}

/** True for anything shaped like a scenario. */
export function isScenario(value: unknown): value is Scenario {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Scenario).name === 'string' &&
    typeof (value as Scenario).run === 'function'
  );
}

/** The file URL of a module given as a path (relative to the working directory) or URL. */
export function moduleHref(spec: string | URL): string {
  if (spec instanceof URL) return spec.href;
  if (/^file:/i.test(spec)) return new URL(spec).href;
  return pathToFileURL(isAbsolute(spec) ? spec : resolve(spec)).href;
}

/** The scenario registered under `name`, or `undefined`. */
export function registeredScenario(name: string): Scenario | undefined {
  try {
    return getScenario(name);
  } catch {
    return undefined;
  }
}

/**
 * The one scenario a name means: the registered one, else one the module exports. A
 * module cannot export a different scenario under a registered name (refused when it
 * loads), so this thread and worker threads agree.
 */
export function scenarioNamed(name: string, loaded: LoadedModule | undefined): Scenario | undefined {
  return registeredScenario(name) ?? loaded?.exported.get(name);
}

function describe(scenario: Scenario): string {
  return `${isBuiltinScenario(scenario) ? 'built-in ' : ''}scenario "${scenario.name}" (${JSON.stringify(scenario.description)})`;
}

/**
 * Imports a user module and collects what a campaign can use from it.
 *
 * @throws `Error` naming the module and the import's error; `TypeError` naming both
 * scenarios when the module exports a scenario under a name a different registered
 * scenario has (a name means one scenario)
 */
export async function loadUserModule(spec: string | URL): Promise<LoadedModule> {
  const href = moduleHref(spec);
  // A module is evaluated once per thread; what it registered is known from that once.
  const known = loadedModules.get(href);
  if (known !== undefined) return known;
  const loaded = await importUserModule(href);
  loadedModules.set(href, loaded);
  return loaded;
}

const loadedModules = new Map<string, LoadedModule>();

async function importUserModule(href: string): Promise<LoadedModule> {
  const before = new Set(getScenarios());
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(href)) as Record<string, unknown>;
  } catch (error: unknown) {
    throw new Error(`Could not import \`workerModule\` ${href}: ${describeError(error)}`, { cause: error });
  }
  const exported = new Map<string, Scenario>();
  for (const value of Object.values(namespace)) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (isScenario(item) && !exported.has(item.name)) exported.set(item.name, item);
    }
  }
  for (const scenario of exported.values()) {
    const holder = registeredScenario(scenario.name);
    if (holder !== undefined && holder !== scenario) {
      throw new TypeError(
        `\`workerModule\` ${href} exports ${describe(scenario)}, but that name is taken by the ${describe(holder)}. ` +
          'A name means one scenario: rename yours, or register it with `registerScenario(scenario, { replace: true })` to replace the other everywhere.',
      );
    }
  }
  const registered = new Map<string, Scenario>();
  for (const scenario of getScenarios()) if (!before.has(scenario)) registered.set(scenario.name, scenario);
  const factory = namespace['workflowFactory'];
  if (factory !== undefined && typeof factory !== 'function') {
    throw new TypeError(`Expected the \`workflowFactory\` export of \`workerModule\` ${href} to be a function, got \`${typeof factory}\``);
  }
  return { href, exported, registered, workflowFactory: factory as WorkflowFactory | undefined };
}

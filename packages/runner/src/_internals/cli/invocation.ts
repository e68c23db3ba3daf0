/**
 * How the user ran this CLI, to write commands they can paste: `pnpm chaos` when run
 * through the repository's root script, else `chaos`.
 */
export function invocationName(env: Readonly<Record<string, string | undefined>>): string {
  return env['npm_lifecycle_event'] === 'chaos' && /pnpm/.test(env['npm_execpath'] ?? env['npm_config_user_agent'] ?? '') ? 'pnpm chaos' : 'chaos';
}

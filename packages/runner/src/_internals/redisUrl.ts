/**
 * Redis URLs as users give them (`redis://:secret@host:6379/2`, `rediss://…`), and as
 * this package prints them: never with the password. No Redis client is loaded here,
 * so the CLI can check and show a URL before it loads the optional peers.
 */

/** What a password in a printed URL becomes. */
const MASK = '***';

/**
 * The URL with its password (and any `password` query parameter) replaced by `***`.
 * Text that is not a URL has whatever comes before an `@` masked, since it may still
 * hold a password.
 *
 * @example
 * ```ts
 * redactRedisUrl('redis://worker:s3cret@db:6379/1'); // 'redis://worker:***@db:6379/1'
 * ```
 */
export function redactRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/[^\s/@]*@/g, `${MASK}@`);
  }
  if (parsed.password !== '') parsed.password = MASK;
  for (const key of [...parsed.searchParams.keys()]) {
    if (key.toLowerCase() === 'password') parsed.searchParams.set(key, MASK);
  }
  // `new URL` escapes the mask; the printed form keeps it readable.
  return parsed.href.replace(/%2A%2A%2A/g, MASK);
}

/**
 * Checks that `value` is a `redis://` or `rediss://` URL with a host.
 *
 * @param option - how the value was given (`--redis`, `redis`, `CHAOS_REDIS_URL`), for the message
 * @returns the URL as given
 * @throws `TypeError` naming the option and the value (password masked)
 */
export function checkRedisUrl(option: string, value: unknown): string {
  const expected = 'a Redis URL such as redis://127.0.0.1:6379 (redis:// or rediss://, password allowed)';
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`Expected \`${option}\` to be ${expected}, got \`${typeof value === 'string' ? '""' : String(value)}\``);
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || parsed.hostname === '') {
    throw new TypeError(`Expected \`${option}\` to be ${expected}, got \`${redactRedisUrl(value)}\``);
  }
  return value;
}

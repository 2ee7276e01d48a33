import { InvalidEnvironmentError } from './platform-env';

/**
 * With NODE_ENV=production the local defaults are never a fallback: each listed variable (or one of
 * each listed group) must be set, else the process stops naming what is missing.
 */
export function requireInProduction(
  env: Record<string, string | undefined>,
  required: readonly (string | readonly string[])[],
): void {
  if (env.NODE_ENV !== 'production') return;
  const missing = required
    .map((names) => (typeof names === 'string' ? [names] : names))
    .filter((names) => !names.some((name) => env[name]?.trim()))
    .map(
      (names) =>
        `${names.join(' or ')}: must be set when NODE_ENV=production (local defaults are for development only)`,
    );
  if (missing.length) throw new InvalidEnvironmentError(missing);
}

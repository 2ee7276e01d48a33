/**
 * The Sanshe applications, the HTTP port each one listens on by default and its PostgreSQL schema (an unquoted
 * identifier: `public-web` keeps its tables in `public_web`). The first five are contexts, each with its events topic;
 * `public-web` only reads the others' (the public transparency page, apps/public-web).
 */
export const SERVICES = {
  community: { defaultPort: 3101, schema: 'community' },
  organization: { defaultPort: 3102, schema: 'organization' },
  talent: { defaultPort: 3103, schema: 'talent' },
  funding: { defaultPort: 3104, schema: 'funding' },
  governance: { defaultPort: 3105, schema: 'governance' },
  'public-web': { defaultPort: 3106, schema: 'public_web' },
} as const;

export type ServiceName = keyof typeof SERVICES;

export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

export function isServiceName(value: string): value is ServiceName {
  return Object.prototype.hasOwnProperty.call(SERVICES, value);
}

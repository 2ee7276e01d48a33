/** The five Sanshe applications and the HTTP port each one listens on by default. */
export const SERVICES = {
  community: { defaultPort: 3101 },
  organization: { defaultPort: 3102 },
  talent: { defaultPort: 3103 },
  funding: { defaultPort: 3104 },
  governance: { defaultPort: 3105 },
} as const;

export type ServiceName = keyof typeof SERVICES;

export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

export function isServiceName(value: string): value is ServiceName {
  return Object.prototype.hasOwnProperty.call(SERVICES, value);
}

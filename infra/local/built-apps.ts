import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { hashOfFiles, sourceFiles } from './source-hash';
import { SERVICE_NAMES, type ServiceName } from '@sanshe/config';

const ROOT = resolve(__dirname, '../..');

/**
 * How startApp runs a service, by SANSHE_APPS_FROM: unset or `source`, from its TypeScript sources through
 * the register hook (as `npm start`); `dist`, `npm run build`'s dist/apps/<service>/main.js; any other value,
 * a folder holding built services (`<folder>/<service>/main.js`, as ensureBuiltApps makes).
 */
export function appEntryArgs(service: ServiceName, env: NodeJS.ProcessEnv): string[] {
  const from = env.SANSHE_APPS_FROM?.trim() || 'source';
  if (from === 'source') return ['-r', '@swc-node/register', `apps/${service}/src/main.ts`];
  const folder = from === 'dist' ? join(ROOT, 'dist', 'apps') : resolve(ROOT, from);
  const entry = join(folder, service, 'main.js');
  if (!existsSync(entry)) {
    throw new Error(`SANSHE_APPS_FROM=${from}: no ${relative(ROOT, entry)} (build it first: npm run build)`);
  }
  return [...BUILT_NODE_FLAGS, entry];
}

/**
 * Node's flags for a built service, as its image's CMD and the compose profile run it: V8's young generation capped
 * at 2 MiB a semi-space (16 by default), about 20 MiB less idle memory (docs/operations.md, "Memory").
 */
export const BUILT_NODE_FLAGS = ['--max-semi-space-size=2'];

/** The services with an Nx `build` target (apps/<service>/project.json): those `npm run build` builds. */
export const builtServices = (): ServiceName[] =>
  SERVICE_NAMES.filter((service) => {
    const project = join(ROOT, 'apps', service, 'project.json');
    if (!existsSync(project)) return false;
    const { targets } = JSON.parse(readFileSync(project, 'utf8')) as { targets?: Record<string, unknown> };
    return Boolean(targets?.build);
  });

/**
 * Builds services into `folder/<service>` (default dist/apps, as `npm run build`), each with its time. The
 * builder is loaded only here: it loads the TypeScript compiler, which startApp's users need not carry.
 */
export async function buildApps(
  services: readonly ServiceName[],
  folder = join(ROOT, 'dist', 'apps'),
): Promise<{ service: ServiceName; files: number; seconds: number }[]> {
  const { buildApp } = await import('./build-app');
  const built = [];
  for (const service of services) {
    const started = Date.now();
    const { files } = await buildApp(service, join(folder, service));
    built.push({ service, files, seconds: (Date.now() - started) / 1000 });
  }
  return built;
}

/** What a build is made of: the services' and libraries' sources, the compiler settings, the builder. */
function buildHash(): string {
  const files = [
    ...builtServices().flatMap((service) => sourceFiles(join(ROOT, 'apps', service))),
    ...sourceFiles(join(ROOT, 'libs')),
    ...['tsconfig.json', 'tsconfig.base.json', 'package-lock.json'].map((f) => join(ROOT, f)),
    join(__dirname, 'build-app.ts'), // the workflow bundle's recipe is governance's own (apps/governance/scripts)
  ];
  return hashOfFiles(files);
}

/**
 * The services built for the sources as they are, kept by their hash in tmp/built-apps of the working
 * tree (inside it, so the built files find node_modules as dist/ does): a test run whose sources did not
 * change reuses them. Returns the folder to give SANSHE_APPS_FROM.
 */
export async function ensureBuiltApps(): Promise<{ folder: string; built: boolean }> {
  const cache = join(ROOT, 'tmp', 'built-apps');
  const folder = join(cache, buildHash());
  if (existsSync(join(folder, 'complete'))) return { folder, built: false };
  const partial = `${folder}.${process.pid}.partial`;
  await buildApps(builtServices(), partial);
  mkdirSync(join(partial, 'complete'), { recursive: true });
  try {
    renameSync(partial, folder); // atomic: whole or absent
  } catch (err) {
    // Another test worker's build of the same sources got there first (a folder is never renamed over): use it.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(join(folder, 'complete'))) throw err;
    return { folder, built: false };
  }
  // Builds of sources long gone: another run may still use one, so only those untouched for a day go.
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of readdirSync(cache)) {
    const other = join(cache, name);
    if (other !== folder && statSync(other).mtimeMs < dayAgo) rmSync(other, { recursive: true, force: true });
  }
  return { folder, built: true };
}

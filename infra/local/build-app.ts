import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { transform } from '@swc-node/core';
import { readDefaultTsConfig, tsCompilerOptionsToSwcConfig } from '@swc-node/register/read-default-tsconfig';
import type { ServiceName } from '@sanshe/config';
import { ensureWorkflowBundle } from './workflow-bundle';

const ROOT = resolve(__dirname, '../..');

/** Where `npm run build` puts a service: `node dist/apps/<service>/main.js` runs it. */
export const distDir = (service: ServiceName) => join(ROOT, 'dist', 'apps', service);

/** The file a built governance loads its workflows from (made at build time: the worker never runs webpack). */
export const BUILT_WORKFLOW_BUNDLE = 'workflow-bundle.js';

// A relative module a compiled file requires (path aliases are rewritten to relative paths by swc).
const RELATIVE_REQUIRE = /\brequire(?:\.resolve)?\(\s*(["'])(\.{1,2}\/[^"']*|\.{1,2})\1\s*\)/g;

/** The source file a relative module resolves to, as Node resolves it once compiled; undefined for none. */
function resolveSource(fromFile: string, spec: string): string | undefined {
  const base = resolve(dirname(fromFile), spec);
  return [`${base}.ts`, join(base, 'index.ts'), base, `${base}.json`].find(
    (candidate) => existsSync(candidate) && /\.(ts|json|js)$/.test(candidate),
  );
}

/**
 * Compiles every source file the entries reach, one JavaScript file per TypeScript file, with exactly the
 * options the source run uses (@swc-node/register reading tsconfig.json: legacy decorators with their design
 * metadata, which Nest's dependency injection reads; class names kept; path aliases made relative). The tree
 * keeps the repository's layout under `outDir`, so relative requires and `__dirname` paths hold.
 */
async function compileReachable(entries: string[], outDir: string): Promise<number> {
  const tsOptions = readDefaultTsConfig(join(ROOT, 'tsconfig.json'));
  const pending = [...entries];
  const done = new Set<string>();
  while (pending.length) {
    const file = pending.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    const target = join(outDir, relative(ROOT, file));
    mkdirSync(dirname(target), { recursive: true });
    if (!file.endsWith('.ts')) {
      copyFileSync(file, target);
      continue;
    }
    const source = readFileSync(file, 'utf8');
    const swcOptions = { ...tsCompilerOptionsToSwcConfig(tsOptions, file), sourcemap: false };
    const { code } = await transform(source, file, swcOptions);
    writeFileSync(target.replace(/\.ts$/, '.js'), code);
    for (const [, , spec] of code.matchAll(RELATIVE_REQUIRE)) {
      const next = resolveSource(file, spec as string);
      if (!next) throw new Error(`${relative(ROOT, file)}: cannot resolve "${spec}"`);
      pending.push(next);
    }
  }
  return done.size;
}

/** `migrate.js`: applies the service's pending migrations (`node dist/apps/<service>/migrate.js`). */
const migrateScript = (service: ServiceName) =>
  ["'use strict';", '// Made by infra/local/build-app.ts.', `require('./apps/${service}/migrations/run.js');`, ''].join(
    '\n',
  );

/** `main.js`: the entry `node dist/apps/<service>/main.js` runs; governance's names its prebuilt bundle. */
function entryScript(service: ServiceName): string {
  const lines = ["'use strict';", '// Made by infra/local/build-app.ts: runs the compiled service.'];
  if (service === 'governance') {
    lines.push(
      `process.env.GOVERNANCE_WORKFLOW_BUNDLE ||= require('node:path').join(__dirname, '${BUILT_WORKFLOW_BUNDLE}');`,
    );
  }
  lines.push(`require('./apps/${service}/src/main.js');`, '');
  return lines.join('\n');
}

/**
 * Builds one service into `outDir` (default dist/apps/<service>): its compiled sources, `main.js`, `migrate.js`
 * (its migrations: a service does not migrate at start), and for
 * governance the workflow bundle and the tsconfig its module reads when it loads (the aliases for bundling at
 * start, unused once a bundle is named). Built beside and renamed into place: never half a build.
 */
export async function buildApp(service: ServiceName, outDir = distDir(service)): Promise<{ files: number }> {
  const partial = `${outDir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const migrations = join(ROOT, 'apps', service, 'migrations', 'run.ts');
  const entries = [join(ROOT, 'apps', service, 'src', 'main.ts'), ...(existsSync(migrations) ? [migrations] : [])];
  const files = await compileReachable(entries, partial);
  writeFileSync(join(partial, 'main.js'), entryScript(service));
  if (existsSync(migrations)) writeFileSync(join(partial, 'migrate.js'), migrateScript(service));
  if (service === 'governance') {
    copyFileSync((await ensureWorkflowBundle()).path, join(partial, BUILT_WORKFLOW_BUNDLE));
    copyFileSync(join(ROOT, 'tsconfig.base.json'), join(partial, 'tsconfig.base.json'));
  }
  rmSync(outDir, { recursive: true, force: true });
  renameSync(partial, outDir);
  return { files };
}

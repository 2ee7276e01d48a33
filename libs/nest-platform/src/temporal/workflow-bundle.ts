import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

/**
 * The workflow bundler (webpack) does not read tsconfig path aliases, so `@sanshe/contracts`
 * inside workflow code would not resolve. This turns the aliases of a tsconfig into webpack aliases.
 */
export function tsconfigPathAliases(tsconfigFile: string): Record<string, string> {
  const { compilerOptions } = JSON.parse(readFileSync(tsconfigFile, 'utf8')) as {
    compilerOptions: { baseUrl?: string; paths?: Record<string, string[]> };
  };
  const base = resolve(dirname(tsconfigFile), compilerOptions.baseUrl ?? '.');
  return Object.fromEntries(
    Object.entries(compilerOptions.paths ?? {}).map(([alias, [target]]) => [`${alias}$`, resolve(base, target ?? '')]),
  );
}

export function bundlerOptionsWithAliases(tsconfigFile: string): BundleOptions['webpackConfigHook'] {
  const aliases = tsconfigPathAliases(tsconfigFile);
  return (config) => ({
    ...config,
    resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), ...aliases } },
  });
}

import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVICE_NAMES } from '@sanshe/config';
import { appEntryArgs, builtServices } from './built-apps';

const ROOT = resolve(__dirname, '../..');

describe('appEntryArgs: how startApp runs a service', () => {
  it('from source through the register hook unless told otherwise', () => {
    const fromSource = ['-r', '@swc-node/register', 'apps/talent/src/main.ts'];
    expect(appEntryArgs('talent', {})).toEqual(fromSource);
    expect(appEntryArgs('talent', { SANSHE_APPS_FROM: 'source' })).toEqual(fromSource);
    expect(appEntryArgs('talent', { SANSHE_APPS_FROM: '  ' })).toEqual(fromSource);
  });

  it('from a folder of built services: its <service>/main.js, with no register hook, as its image runs it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'built-apps-'));
    mkdirSync(join(folder, 'talent'));
    writeFileSync(join(folder, 'talent', 'main.js'), '');
    // V8's young generation capped, as the images' CMD (service-images.spec.ts) and bench:footprint run it.
    expect(appEntryArgs('talent', { SANSHE_APPS_FROM: folder })).toEqual([
      '--max-semi-space-size=2',
      join(folder, 'talent', 'main.js'),
    ]);
  });

  it('refuses a build that is not there, saying how to make it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'built-apps-'));
    expect(() => appEntryArgs('funding', { SANSHE_APPS_FROM: folder })).toThrow(
      /no .*funding\/main\.js .*npm run build/,
    );
  });

  it('dist means npm run build’s dist/apps', () => {
    const expected = join(ROOT, 'dist', 'apps', 'funding', 'main.js');
    const run = () => appEntryArgs('funding', { SANSHE_APPS_FROM: 'dist' });
    if (existsSync(expected)) expect(run()).toEqual(['--max-semi-space-size=2', expected]);
    else expect(run).toThrow('no dist/apps/funding/main.js');
  });
});

it('builtServices: every platform service, each with an Nx build target (a new one without: not built)', () => {
  expect(builtServices()).toEqual([...SERVICE_NAMES]);
});

// Installs the npm dependencies when they are missing or older than package-lock.json, so that
// `npm start` and `npm test` work on a fresh clone. Only Node built-ins: it runs before any install.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json';
const stale = !existsSync(installed) || statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs;
if (stale) {
  console.log('installing npm dependencies (npm ci)');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Headless Chromium and a CJK font (the pages are Chinese), from Debian's packages, for the public page's browser
// test (apps/public-web): each installed only when missing.
const debianPackages = [
  ['chromium', '/usr/bin/chromium'],
  ['fonts-wqy-microhei', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'],
];
const missing = debianPackages.filter(([, file]) => !existsSync(file)).map(([name]) => name);
if (missing.length) {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!apt || !asRoot) {
    console.error(
      `${missing.join(' and ')} missing and cannot be installed here (${apt ? 'not root' : 'no apt-get'}): ` +
        `install Debian's ${missing.join(' ')} (apt-get install -y ${missing.join(' ')}); the public page's browser test needs them`,
    );
  } else {
    console.log(`installing Debian's ${missing.join(' ')} (the headless browser of apps/public-web's test)`);
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const install =
      update.status === 0 &&
      spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status === 0;
    if (!install) console.error(`apt-get could not install ${missing.join(' ')} (see above)`);
  }
}

// `npm run typecheck` and `npm run lint` at the same time (npm test): each is one single-threaded process
// (tsc; ESLint with type-aware rules), so on two cores together they take about as long as the longer one.
// Each one's output is printed whole when it ends, never interleaved; exits 1 if either failed.
import { spawn } from 'node:child_process';

function run(script) {
  return new Promise((resolve) => {
    const startedAt = Date.now();
    const child = spawn('npm', ['run', '-s', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - startedAt) / 1000).toFixed(0);
      process.stdout.write(output);
      console.log(`${script}: ${code === 0 ? 'ok' : `failed (${signal ?? `exit ${code}`})`} in ${seconds} s`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all([run('typecheck'), run('lint')]);
process.exit(results.every(Boolean) ? 0 : 1);

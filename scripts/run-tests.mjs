// `npm test` after the dependencies and servers are up: the test passes one after another in the foreground,
// and typecheck and lint at the lowest CPU priority (nice 19) in the background from the serial pass on.
// Why: the serial pass and what follows leave CPU idle while they wait on the servers (about 40 % of two cores,
// measured 2026-11-28), and the two checks (about 135 CPU-seconds) fit in that idle time instead of taking
// 88 s of wall time before the tests; at nice 19 they take almost nothing from a busy test (CFS weight 15
// against 1024). Not during the main pass: it keeps both cores busy, and its lint-rules test writes rule-breaking
// probe files for a moment, which a whole-repo tsc or ESLint beside it would read. A failed check stops the run
// at the next pass boundary; every check's output is printed whole when it ends. Exit 1 if anything failed.
import { spawn } from 'node:child_process';

const PASSES = [
  ['jest', []],
  ['jest', ['--config', 'jest.serial.config.js']],
  ['node', ['-r', '@swc-node/register', 'infra/local/fuzz/main.ts', '--short']],
  ['npm', ['run', '-s', 'chaos', '--', '--short']],
];

function check(script) {
  const startedAt = Date.now();
  const child = spawn('nice', ['-n', '19', 'npm', 'run', '-s', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
  const result = { script, done: false, ok: false };
  result.finished = new Promise((resolve) =>
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - startedAt) / 1000).toFixed(0);
      process.stdout.write(output);
      console.log(`${script}: ${code === 0 ? 'ok' : `failed (${signal ?? `exit ${code}`})`} in ${seconds} s (nice 19)`);
      Object.assign(result, { done: true, ok: code === 0 });
      resolve();
    }),
  );
  return result;
}

function runPass([command, args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('close', (code) => resolve(code === 0));
  });
}

const checks = [];
const failedCheck = () => checks.find((c) => c.done && !c.ok);
let ok = true;
for (const [index, pass] of PASSES.entries()) {
  if (index === 1) checks.push(check('typecheck'), check('lint'));
  if (failedCheck()) break;
  ok = await runPass(pass);
  if (!ok) break;
}
if (checks.length === 0) checks.push(check('typecheck'), check('lint')); // the main pass failed: still report them
await Promise.all(checks.map((c) => c.finished));
process.exit(ok && checks.every((c) => c.ok) ? 0 : 1);

import { fork } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { RssSampler } from '../shared/measure';
import type { BenchConfig } from './config';
import type { PipelineResult } from './pipeline';

export interface TracedPipelineResult extends PipelineResult {
  /** Spans the writer-and-relay process exported (the consumer's are its own): more than none, or nothing was traced. */
  spans: number;
}

/**
 * (d) The full pipeline (c) with tracing on: in a child process (traced-pipeline-child.ts), since the SDK must start
 * before what it instruments loads, and (c) in this process runs without it. Each write runs in a server span, as a
 * request's would, so every event carries a traceparent: the relay's producer span and the consumer's span (its
 * process also traces: BENCH_TRACED) follow. Fails if no span was exported.
 */
export async function runTracedPipeline(cfg: BenchConfig, rss: RssSampler): Promise<TracedPipelineResult> {
  const child = fork(resolve(__dirname, 'traced-pipeline-child.ts'), [], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, BENCH_TRACED: '1', BENCH_CONFIG: JSON.stringify(cfg) },
  });
  rss.addPid(child.pid ?? 0);
  let answer: { result: PipelineResult; spans: number } | undefined;
  child.on('message', (message: { result: PipelineResult; spans: number }) => (answer = message));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0 || !answer) throw new Error(`the traced pipeline's process exited with ${code}`);
  if (answer.spans === 0) throw new Error('the traced pipeline exported no span: tracing was not on');
  console.log(`  ${answer.spans} spans exported by the writers' and relay's process`);
  return { ...answer.result, spans: answer.spans };
}

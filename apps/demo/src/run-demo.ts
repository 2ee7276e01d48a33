import { errorMessage } from '@sanshe/common';
import { deadLettersBetween, deadLettersSoFar } from './io/dead-letters';
import { summaryJson, summaryLines, type Verdict, verdictOf } from './report/summary';
import type { DemoContext } from './scenario/context';
import type { Stage } from './scenario/stage';

export interface DemoResult {
  verdict: Verdict;
  seconds: number;
}

/** Runs the stages in order until one fails; counts the dead letters; prints the summary (and its JSON). */
export async function runDemo(
  ctx: DemoContext,
  stages: readonly Stage[],
  out: (line: string) => void,
): Promise<DemoResult> {
  const started = Date.now();
  ctx.progress.say(`Demo run ${ctx.runId}${ctx.options.fast ? ' (--fast: the shortest windows)' : ''}`);
  const before = await deadLettersSoFar(ctx.api);
  let failure: string | undefined;
  for (const [i, stage] of stages.entries()) {
    ctx.progress.stage(i + 1, stages.length, stage.name);
    const stageStarted = Date.now();
    try {
      await stage.run(ctx);
    } catch (err) {
      failure = `stage ${i + 1} "${stage.name}" (scenario/${stage.file}) failed: ${errorMessage(err)}`;
      ctx.progress.say(failure);
      break;
    }
    ctx.progress.stageDone(stage.name, Date.now() - stageStarted);
  }
  try {
    ctx.record.deadLetters = deadLettersBetween(before, await deadLettersSoFar(ctx.api));
  } catch (err) {
    failure ??= `dead letters not counted: ${errorMessage(err)}`;
  }
  const seconds = (Date.now() - started) / 1000;
  const verdict = verdictOf(ctx.record, failure);
  summaryLines(ctx.record, verdict, ctx.runId, seconds).forEach(out);
  if (ctx.options.json) out(summaryJson(ctx.record, verdict, ctx.runId, seconds));
  return { verdict, seconds };
}

import { ScoresException } from '../scores.exception';
import { RecomputeRuns } from './recompute-runs';
import { RecomputeScores, RecomputeTick } from './recompute-scores';

export const RECOMPUTE_USAGE = `  scores:recompute        rebuild every value profile from the event log (safe while the engine runs)`;

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

function bar(tick: RecomputeTick, seconds: number): string {
  const width = 30;
  const fraction = tick.eventsTotal ? Math.min(tick.eventsDone / tick.eventsTotal, 1) : 1;
  const filled = Math.round(fraction * width);
  const rate = seconds > 0 ? Math.round(tick.eventsDone / seconds) : 0;
  const eta = rate > 0 ? `  ETA ${Math.round((tick.eventsTotal - tick.eventsDone) / rate)}s` : '';
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(1).padStart(5)}%  events ${tick.eventsDone}/${tick.eventsTotal}  profiles ${tick.subscribersDone}  ${rate} events/s${eta}`;
}

/** `scores:recompute`: runs in this process (no worker needed) and shows its progress. */
export async function runRecomputeCli(
  get: <S>(type: new (...args: never[]) => S) => S,
  stderr: Output,
  stdout: Output,
): Promise<number> {
  let runId: number;
  try {
    runId = (await get(RecomputeRuns).start('cli')).id;
  } catch (error) {
    if (error instanceof ScoresException) {
      stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const started = Date.now();
  await get(RecomputeScores).execute(runId, (tick) => {
    const line = bar(tick, (Date.now() - started) / 1000);
    stderr.write(stderr.isTTY ? `\r${line}` : `${line}\n`);
  });
  if (stderr.isTTY) stderr.write('\n');
  const p = await get(RecomputeRuns).progress(runId);
  if (p.status !== 'finished') {
    stderr.write(`recompute ${runId} ${p.status}: ${p.error ?? 'another recompute was running'}\n`);
    return 1;
  }
  stdout.write(
    `recompute ${runId}: ${p.subscribersDone} profiles from ${p.eventsDone} events in ${((Date.now() - started) / 1000).toFixed(1)}s (${p.rate} events/s); ${p.tailEvents} newer events folded in at the swap\n`,
  );
  return 0;
}

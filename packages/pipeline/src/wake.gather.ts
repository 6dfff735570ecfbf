import type { Worker } from 'bullmq';

/** The part of BullMQ's Worker (6.x) this reaches into: its blocking wait for a job on an empty queue. */
interface WorkerWait {
  waitForJob?: (blockUntil: number) => Promise<number>;
  closing?: unknown;
}

/** Expected arrivals within the wait from which a woken worker waits (below it, it takes the job at once). */
const GATHER_FROM = 2;
/** The arrival rate is judged over this many waits: from GATHER_FROM × SPAN_WAITS jobs started in that span. */
const SPAN_WAITS = 10;

/**
 * Gathered wake-ups. A worker whose queue is empty blocks in Redis until a
 * job arrives; each job that wakes it pays for the wake-up and cold caches,
 * in the worker, its stage thread and Redis (the hop lab, `npm run bench --
 * hop`: a bare BullMQ job costs 3–4× more paced at 20/s than in a backlog).
 * The pipeline's later stages run that way whenever an earlier one or
 * FerretDB sets the pace.
 *
 * With this, a worker woken from an empty queue while its jobs arrive often
 * (at least two expected within `ms`, from the jobs it started in the last
 * `10 × ms`) waits `ms` before taking one, and then takes the jobs that
 * arrived meanwhile back to back, as from a backlog (each job's completion
 * fetches the next in the same call). When jobs arrive rarely it takes the
 * job at once: the wait would cost latency and save nothing. So the wait is
 * added to a report's path only while the pipeline is busy.
 *
 * Off unless GONGKAI_GATHER_MS is set: in the hop lab a paced stage hop costs
 * 22–35% less CPU gathered (200 ms), but the whole pipeline on one shared
 * two-core machine gained nothing measurable (docs/scale.md, eighth session):
 * what the gathered workers save, the others lose in the noise. It is for
 * workers on machines of their own, and for backfills where latency does not count.
 *
 * It replaces the worker's `waitForJob`, an internal method of BullMQ's
 * Worker; returns false (and changes nothing) when there is none, e.g. after
 * an upgrade that renamed it (`test/pipeline/gather.test.ts` fails then).
 */
export function gatherWakeUps(worker: Worker, ms: number): boolean {
  const w = worker as unknown as WorkerWait;
  const wait = w.waitForJob;
  if (ms <= 0 || typeof wait !== 'function') return false;
  const span = SPAN_WAITS * ms;
  const needed = GATHER_FROM * SPAN_WAITS;
  const starts: number[] = []; // start times of the jobs of the last `span`, oldest first, from `head`
  let head = 0;
  const recent = (t: number): number => {
    while (head < starts.length && starts[head]! < t - span) head++;
    if (head > 1024) {
      starts.splice(0, head);
      head = 0;
    }
    return starts.length - head;
  };
  worker.on('active', () => {
    const t = Date.now();
    starts.push(t);
    recent(t);
  });
  const often = (): boolean => recent(Date.now()) >= needed;
  w.waitForJob = async (blockUntil: number): Promise<number> => {
    const r = await wait.call(worker, blockUntil);
    // 0: a job is there to take now (a delayed job's marker gives its due time, left as it is)
    if (r !== 0 || w.closing || !often()) return r;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return w.closing ? Infinity : 0;
  };
  return true;
}

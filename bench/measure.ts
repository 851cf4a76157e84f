/** Small measuring helpers shared by the scenarios. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Samples resident memory every few milliseconds; `peak` is the highest seen. */
export function rssSampler(everyMs = 20): { peakMb(): number; stop(): void } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), everyMs);
  return { peakMb: () => round(Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024, 1), stop: () => clearInterval(timer) };
}

/** Runs `task` for items 0..count-1 with at most `concurrency` in flight. */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await task(next++);
  }));
}

/** Wall-clock epoch milliseconds with sub-millisecond precision: comparable between processes on one machine. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

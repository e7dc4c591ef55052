import { byTestId, formatSeconds } from './dom';
import type { ImageChange, Project } from './project';

/** How far back finished images count for the rate: recent enough to follow a change of pace. */
const RATE_WINDOW_MS = 5 * 60_000;

/**
 * The batch as a whole: done of total, failures, images per minute and time left, announced politely;
 * and the list's empty state. The line is a polite live region: a screen reader hears the batch move.
 */
export function wireBatchProgress(project: Project): void {
  const line = byTestId<HTMLElement>('batch-progress');
  const announce = byTestId<HTMLElement>('job-announcer');
  const empty = byTestId<HTMLElement>('jobs-empty');
  const finishedAt: number[] = [];
  const states = new Map<string, string>();
  const update = () => {
    const records = [...project.images.values()].filter((r) => r.state !== 'skipped');
    empty.hidden = project.images.size > 0;
    const done = records.filter((r) => r.state === 'done').length;
    const failed = records.filter((r) => r.state === 'failed').length;
    const left = records.length - done - failed;
    const now = performance.now();
    while (finishedAt.length && finishedAt[0]! < now - RATE_WINDOW_MS) finishedAt.shift();
    const parts = [`${done} of ${records.length} done`];
    if (failed) parts.push(`${failed} failed`);
    if (left && finishedAt.length >= 2) {
      const perMinute = ((finishedAt.length - 1) / (now - finishedAt[0]!)) * 60_000;
      parts.push(`${perMinute.toFixed(1)} per minute`, `about ${formatSeconds((left / perMinute) * 60_000)} left`);
    }
    line.textContent = records.length ? parts.join(' · ') : '';
  };
  project.addEventListener('change', (event) => {
    const { id, progressOnly } = (event as CustomEvent<ImageChange>).detail;
    if (progressOnly) return;
    const state = project.images.get(id)?.state;
    const record = project.images.get(id);
    if (state === 'done' && states.get(id) !== 'done') finishedAt.push(performance.now());
    // Each image's end is said once, in its own words: done, or failed and why.
    if (record && states.has(id) && states.get(id) !== state && (state === 'done' || state === 'failed')) {
      announce.textContent =
        state === 'done' ? `${record.name}: done` : `${record.name}: failed, ${record.error ?? ''}`;
    }
    if (state) states.set(id, state);
    else states.delete(id);
    update();
  });
  update();
}

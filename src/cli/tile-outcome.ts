import type { ReportInput } from '../shared/batch-report';
import { emptyDescriptive } from '../shared/descriptive';
import type { StoredImage } from '../shared/iiif-manifest';
import type { PlannedImage } from '../shared/object-plan';
import type { TileSettings } from '../shared/settings';
import type { CliResult } from './tile-worker';

/** What a worker's result makes of a planned image: its record when done, and its report row either way. */
export function tileOutcome(
  p: PlannedImage,
  name: string,
  settings: TileSettings,
  result: CliResult,
): { image?: StoredImage; report: ReportInput } {
  const base = { id: p.id, name, settings };
  if (!result.ok)
    return {
      report: { ...base, state: 'failed', width: 0, height: 0, storedBytes: 0, warnings: [], error: result.error },
    };
  const { width, height, format, route, storedBytes, elapsedMs, warnings } = result;
  const descriptive = emptyDescriptive(p.label);
  return {
    image: { id: p.id, width, height, settings, descriptive, sourceMetadata: result.metadata },
    report: { ...base, state: 'done', format, route, width, height, storedBytes, elapsedMs, warnings },
  };
}

import { normaliseBaseUrl } from '../../shared/base-url';
import type { BaseUrlField } from '../base-url-field';
import { uploadsOf } from '../../shared/db';
import { byTestId, formatBytes, formatSeconds, h } from '../dom';
import { exportChoices } from '../export-settings';
import { confirmTwice } from '../confirm-button';
import { FieldProblem, showFieldProblem } from '../field-problem';
import type { Project } from '../project';
import { UploadFailure } from './signers';
import { UploadForm } from './upload-form';
import { uploadContent } from './upload-objects';
import { upload, type UploadProgress } from './uploader';

/** The Publish panel: checks the settings, uploads the finished images, and reports progress and failures. */
export function wireUploadPanel(
  project: Project,
  baseUrlInput: HTMLInputElement,
  baseUrlField: BaseUrlField,
  busy: () => boolean,
): void {
  const form = new UploadForm();
  const start = byTestId<HTMLButtonElement>('upload-start');
  const stopButton = byTestId<HTMLButtonElement>('upload-stop');
  const forget = byTestId<HTMLButtonElement>('upload-forget');
  const title = byTestId<HTMLInputElement>('collection-title');
  const bar = byTestId<HTMLProgressElement>('upload-bar');
  const line = byTestId<HTMLElement>('upload-progress');
  const status = byTestId<HTMLElement>('upload-status');
  const corsRule = byTestId<HTMLElement>('upload-cors-rule');
  const log = byTestId<HTMLOListElement>('upload-log');
  let controller: AbortController | undefined;
  let probe = 0;
  const suggestBucket = async () => {
    const asked = ++probe;
    const url = await form.bucketUrl();
    if (asked === probe) baseUrlField.suggestBucket(url);
  };
  form.onSigningChange(() => void suggestBucket());
  void suggestBucket();

  const report = (state: string, text: string, rule?: string) => {
    status.dataset.state = state;
    status.textContent = text;
    corsRule.hidden = rule === undefined;
    corsRule.textContent = rule ?? '';
  };
  const show = (p: UploadProgress) => {
    bar.hidden = false;
    bar.max = Math.max(1, p.totalBytes);
    bar.value = Math.min(p.bytesDone, bar.max);
    const elapsed = performance.now() - p.startedAt;
    const sent = p.bytesDone;
    const left = sent > 0 && elapsed > 1000 ? ((p.totalBytes - sent) * elapsed) / sent : undefined;
    line.textContent =
      `${p.objectsDone} of ${p.totalObjects} objects · ${formatBytes(sent)} of ${formatBytes(p.totalBytes)}` +
      (p.skipped ? ` · ${p.skipped} already in the bucket` : '') +
      (left !== undefined && p.objectsDone < p.totalObjects ? ` · about ${formatSeconds(left)} left` : '');
    line.dataset.done = String(p.objectsDone);
    line.dataset.skipped = String(p.skipped);
  };

  start.addEventListener('click', () => {
    void (async () => {
      let baseUrl: string;
      let settings: ReturnType<UploadForm['settings']>;
      try {
        baseUrl = baseUrlField.require();
        settings = form.settings();
      } catch (error) {
        if (error instanceof FieldProblem) showFieldProblem(error);
        return report('error', `Cannot upload yet: ${(error as Error).message}`);
      }
      const bundle = project.bundle();
      const images = bundle.images;
      if (images.length === 0) return report('error', 'No finished images to upload yet');
      controller = new AbortController();
      start.disabled = forget.disabled = true;
      stopButton.disabled = false;
      log.replaceChildren();
      report('running', busy() ? 'Uploading the finished images; images still tiling are left out…' : 'Uploading…');
      try {
        const label = title.value.trim() || 'Untitled collection';
        const { version } = exportChoices();
        const content = await uploadContent(
          project.db,
          bundle,
          baseUrl,
          label,
          settings.keyPrefix,
          settings.cache,
          version,
        );
        const events = {
          onProgress: show,
          onRetry: (key: string, reason: string, attempt: number) =>
            log.append(h('li', { 'data-key': key }, `${key}: ${reason}; trying again (attempt ${attempt + 1})`)),
        };
        const { signer, concurrency } = settings;
        const done = await upload(project.db, baseUrl, content, signer, concurrency, events, controller.signal);
        const sent = done.objectsDone - done.skipped;
        report(
          'done',
          `Published ${images.length} image${images.length === 1 ? '' : 's'}: ${sent} objects uploaded, ${done.skipped} already there. Collection at ${baseUrl}`,
        );
      } catch (error) {
        if (controller.signal.aborted && !(error instanceof UploadFailure)) {
          report('cancelled', 'Upload stopped. What was uploaded is recorded: Upload resumes from there.');
        } else if (error instanceof UploadFailure) report('error', `Upload failed: ${error.message}`, error.corsRule);
        else report('error', `Upload failed: ${(error as Error).message}`);
      } finally {
        start.disabled = forget.disabled = false;
        stopButton.disabled = true;
      }
    })();
  });
  stopButton.addEventListener('click', () => controller?.abort(new DOMException('Stopped', 'AbortError')));
  // For a bucket emptied by hand: the records would otherwise skip objects that are no longer there.
  confirmTwice(forget, 'Forget them? The next upload sends everything again', () => {
    void (async () => {
      try {
        const baseUrl = normaliseBaseUrl(baseUrlInput.value);
        const range = uploadsOf(baseUrl);
        const count = await project.db.count('uploads', range);
        await project.db.delete('uploads', range);
        report(
          'done',
          `Forgot ${count} uploaded object${count === 1 ? '' : 's'} for ${baseUrl}: the next upload sends everything`,
        );
      } catch (error) {
        report('error', `Nothing forgotten: ${(error as Error).message}`);
      }
    })();
  });
}

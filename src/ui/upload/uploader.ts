import type { VitrineDb } from '../../shared/db';
import {
  backoffMs,
  bucketCorsRule,
  outcomeOfNoAnswer,
  outcomeOfStatus,
  type AttemptOutcome,
} from '../../shared/upload-failure';
import { UploadFailure, type SignedUpload, type UploadSigner } from './signers';
import { digestOf, type UploadContent, type UploadObject } from './upload-objects';

export interface UploadProgress {
  objectsDone: number;
  bytesDone: number;
  /** Objects a previous run already stored with the same bytes: counted in objectsDone, not sent. */
  skipped: number;
  totalObjects: number;
  totalBytes: number;
  startedAt: number;
}

export interface UploadEvents {
  onProgress(progress: UploadProgress): void;
  onRetry(key: string, reason: string, attempt: number): void;
}

/** Objects signed and checked against the upload records together: one presign request per chunk. */
const CHUNK = 100;
/** A URL this close to expiry is signed again before use. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * Uploads every object with `concurrency` requests in flight, retrying with backoff, and records each
 * object in IndexedDB only once the bucket has answered 2xx. Throws UploadFailure when a person must act.
 */
export async function upload(
  db: VitrineDb,
  baseUrl: string,
  content: UploadContent,
  signer: UploadSigner,
  concurrency: number,
  events: UploadEvents,
  userSignal: AbortSignal,
): Promise<UploadProgress> {
  // One failure stops every lane: the person must act, and more requests would only fail the same way.
  const stop = new AbortController();
  const signal = stop.signal;
  userSignal.addEventListener('abort', () => stop.abort(userSignal.reason), { once: true });
  let failure: unknown;
  const progress: UploadProgress = {
    objectsDone: 0,
    bytesDone: 0,
    skipped: 0,
    totalObjects: content.totalObjects,
    totalBytes: content.totalBytes,
    startedAt: performance.now(),
  };
  events.onProgress(progress);
  const done = (object: UploadObject) => {
    progress.objectsDone++;
    progress.bytesDone += object.body.byteLength;
    events.onProgress(progress);
  };
  let chunk: UploadObject[] = [];
  const flush = async () => {
    const pending: { object: UploadObject; sha256: string }[] = [];
    for (const object of chunk) {
      const sha256 = await digestOf(object.body);
      const record = await db.get('uploads', [baseUrl, object.key]);
      if (record?.sha256 === sha256) {
        progress.skipped++;
        done(object);
      } else pending.push({ object, sha256 });
    }
    chunk = [];
    if (pending.length === 0) return;
    const signed = await signer.sign(pending.map((p) => p.object));
    let next = 0;
    const lane = async () => {
      while (next < pending.length && !signal.aborted) {
        const i = next++;
        const { object, sha256 } = pending[i]!;
        try {
          await uploadOne(object, signed[i]!, signer, events, signal, progress.objectsDone > progress.skipped);
        } catch (error) {
          failure ??= signal.aborted ? signal.reason : error;
          stop.abort(failure);
          return;
        }
        const record = { baseUrl, key: object.key, sha256, bytes: object.body.byteLength, uploadedAt: Date.now() };
        await db.put('uploads', record);
        done(object);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, lane));
    if (failure !== undefined) throw failure;
  };
  for await (const object of content.objects) {
    signal.throwIfAborted();
    chunk.push(object);
    if (chunk.length === CHUNK) await flush();
  }
  await flush();
  signal.throwIfAborted();
  return progress;
}

async function uploadOne(
  object: UploadObject,
  first: SignedUpload,
  signer: UploadSigner,
  events: UploadEvents,
  signal: AbortSignal,
  bucketAnsweredBefore: boolean,
): Promise<void> {
  let signed = first;
  for (let attempt = 1; ; attempt++) {
    if (signed.expiresAt - Date.now() < EXPIRY_MARGIN_MS) {
      if (!signer.canRefresh) throw new UploadFailure('The POST policy has expired: paste a new one and upload again.');
      [signed] = (await signer.sign([object])) as [SignedUpload];
    }
    let outcome: AttemptOutcome;
    try {
      const response = await fetch(signed.url, { ...signed.request(object), signal });
      outcome = outcomeOfStatus(response.status, await response.text(), attempt);
    } catch (error) {
      if (signal.aborted) throw error;
      outcome = outcomeOfNoAnswer(attempt);
    }
    if (outcome.kind === 'stored') return;
    if (outcome.kind === 'unanswered') throw noAnswerFailure(signed.url, bucketAnsweredBefore);
    if (outcome.kind === 'fatal') throw new UploadFailure(outcome.reason);
    events.onRetry(object.key, outcome.reason, attempt);
    await sleep(backoffMs(attempt), signal);
    if (outcome.freshUrl && signer.canRefresh) [signed] = (await signer.sign([object])) as [SignedUpload];
  }
}

/**
 * Why the bucket gave no readable answer. An isolated page cannot probe a foreign origin without CORS, so
 * the clue is whether this bucket already took objects from this page: then CORS works and it is the network.
 */
function noAnswerFailure(url: string, bucketAnsweredBefore: boolean): UploadFailure {
  const bucket = new URL(url).origin;
  if (!navigator.onLine)
    return new UploadFailure('This browser is offline. What was uploaded is recorded: upload again to resume.');
  if (bucketAnsweredBefore) {
    return new UploadFailure(
      `${bucket} stopped answering (network trouble, or a refusal sent without CORS headers). ` +
        'What was uploaded is recorded: upload again to resume.',
    );
  }
  return new UploadFailure(
    `The bucket at ${bucket} gave this page no answer it may read: most likely its CORS rule does not allow ` +
      `${location.origin} (or it refused the request without CORS headers, or it cannot be reached). ` +
      'Set this CORS rule on the bucket:',
    bucketCorsRule(location.origin),
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason as Error)), { once: true });
  });
}

/** How one upload attempt ended, and what the uploader does about it. */
export type AttemptOutcome =
  | { kind: 'stored' }
  /** Worth another try: network trouble, 5xx, throttling; `freshUrl` when the URL itself may be at fault. */
  | { kind: 'retry'; reason: string; freshUrl: boolean }
  /** Nothing will help without a person: stop the upload and say why. */
  | { kind: 'fatal'; reason: string }
  /** Still no answer after the last attempt: why can only be guessed from the page's side (see uploader). */
  | { kind: 'unanswered' };

export const MAX_ATTEMPTS = 5;

/** Full-jitter exponential backoff: 0.5 s, 1 s, 2 s, 4 s… at most 15 s, randomised so workers spread out. */
export function backoffMs(attempt: number, random = Math.random): number {
  return Math.round(random() * Math.min(15_000, 500 * 2 ** (attempt - 1)));
}

/** The S3 error code and message of an XML error body, when there is one. */
export function s3ErrorOf(body: string): { code: string; message: string } | null {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  if (!code) return null;
  return { code, message: /<Message>([^<]*)<\/Message>/.exec(body)?.[1] ?? '' };
}

/**
 * Classifies an HTTP answer to a PUT or POST. A 403 is retried once with a fresh URL: an expired or
 * altered URL is the common cause, and a fresh signature fixes it; a second 403 is the bucket's no.
 */
export function outcomeOfStatus(status: number, body: string, attempt: number): AttemptOutcome {
  if (status >= 200 && status < 300) return { kind: 'stored' };
  const s3 = s3ErrorOf(body);
  const detail = s3 ? `${s3.code}${s3.message ? `: ${s3.message}` : ''}` : `HTTP ${status}`;
  if (status === 403) {
    return attempt < 2
      ? { kind: 'retry', reason: `refused (403 ${detail})`, freshUrl: true }
      : {
          kind: 'fatal',
          reason: `The bucket refused the upload (403 ${detail}). Check the presign endpoint's credentials, bucket and allowed key prefix.`,
        };
  }
  if (status >= 500 || status === 408 || status === 429) {
    return attempt < MAX_ATTEMPTS
      ? { kind: 'retry', reason: `server error (${detail})`, freshUrl: false }
      : { kind: 'fatal', reason: `The bucket kept failing (${detail}) after ${MAX_ATTEMPTS} tries.` };
  }
  return { kind: 'fatal', reason: `The bucket refused the upload (${detail}).` };
}

/** A fetch that got no answer at all: the network, CORS, or a refusal sent without CORS headers. */
export function outcomeOfNoAnswer(attempt: number): AttemptOutcome {
  return attempt < MAX_ATTEMPTS
    ? { kind: 'retry', reason: 'no answer (network, CORS, or an expired or altered URL)', freshUrl: true }
    : { kind: 'unanswered' };
}

/** The bucket CORS configuration (S3 JSON, as `aws s3api put-bucket-cors` takes it) this app needs. */
export function bucketCorsRule(appOrigin: string): string {
  const rule = {
    CORSRules: [
      {
        AllowedOrigins: [appOrigin],
        AllowedMethods: ['PUT', 'POST', 'GET', 'HEAD'],
        AllowedHeaders: ['*'],
        ExposeHeaders: ['ETag'],
        MaxAgeSeconds: 3000,
      },
    ],
  };
  return JSON.stringify(rule, null, 2);
}

import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  bucketCorsRule,
  MAX_ATTEMPTS,
  outcomeOfNoAnswer,
  outcomeOfStatus,
  s3ErrorOf,
} from './upload-failure';

const expired = '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';

describe('outcomeOfStatus', () => {
  it('counts any 2xx as stored', () => {
    expect(outcomeOfStatus(200, '', 1)).toEqual({ kind: 'stored' });
    expect(outcomeOfStatus(204, '', 3)).toEqual({ kind: 'stored' });
  });

  it('retries a first 403 with a fresh URL, then gives the S3 reason', () => {
    expect(outcomeOfStatus(403, expired, 1)).toEqual({
      kind: 'retry',
      reason: 'refused (403 AccessDenied: Request has expired)',
      freshUrl: true,
    });
    const second = outcomeOfStatus(403, expired, 2);
    expect(second.kind).toBe('fatal');
    expect(second.kind === 'fatal' && second.reason).toMatch(/^The bucket refused the upload \(403 AccessDenied/);
  });

  it('retries 5xx, 408 and 429 with the same URL until the last attempt', () => {
    for (const status of [500, 503, 408, 429]) {
      expect(outcomeOfStatus(status, '', 1)).toMatchObject({ kind: 'retry', freshUrl: false });
      expect(outcomeOfStatus(status, '', MAX_ATTEMPTS)).toMatchObject({ kind: 'fatal' });
    }
  });

  it('stops at once on other refusals', () => {
    const tooBig = '<Error><Code>EntityTooLarge</Code></Error>';
    expect(outcomeOfStatus(400, tooBig, 1)).toEqual({
      kind: 'fatal',
      reason: 'The bucket refused the upload (EntityTooLarge).',
    });
    expect(outcomeOfStatus(404, 'no xml', 1)).toEqual({
      kind: 'fatal',
      reason: 'The bucket refused the upload (HTTP 404).',
    });
  });
});

describe('outcomeOfNoAnswer', () => {
  it('retries with fresh URLs, then gives up', () => {
    expect(outcomeOfNoAnswer(1)).toMatchObject({ kind: 'retry', freshUrl: true });
    expect(outcomeOfNoAnswer(MAX_ATTEMPTS)).toEqual({ kind: 'unanswered' });
  });
});

describe('backoffMs', () => {
  it('doubles its ceiling from 0.5 s and never passes 15 s', () => {
    expect([1, 2, 3, 4, 5, 9].map((a) => backoffMs(a, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 15000]);
    expect(backoffMs(3, () => 0)).toBe(0);
  });
});

describe('s3ErrorOf and bucketCorsRule', () => {
  it('reads the code and message of an S3 error body', () => {
    expect(s3ErrorOf(expired)).toEqual({ code: 'AccessDenied', message: 'Request has expired' });
    expect(s3ErrorOf('<html>gateway</html>')).toBeNull();
  });

  it('gives a CORS rule for the app origin that allows PUT and POST and exposes ETag', () => {
    const rule = JSON.parse(bucketCorsRule('https://app.example.org')) as { CORSRules: Record<string, unknown>[] };
    expect(rule.CORSRules[0]).toMatchObject({
      AllowedOrigins: ['https://app.example.org'],
      AllowedMethods: expect.arrayContaining(['PUT', 'POST', 'GET']),
      ExposeHeaders: ['ETag'],
    });
  });
});

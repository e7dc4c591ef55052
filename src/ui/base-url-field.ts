import { normaliseBaseUrl } from '../shared/base-url';
import { byTestId, h } from './dom';

/**
 * The public base URL field: checked as the person types (absolute http(s), no query), the problem shown
 * beside the field. `require` is for export and upload: it marks and focuses the field when it is unusable.
 */
export function wireBaseUrlField(input: HTMLInputElement) {
  const error = byTestId<HTMLElement>('base-url-error');
  const problem = (): string | null => {
    try {
      normaliseBaseUrl(input.value);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };
  const show = (message: string | null) => {
    error.textContent = message ?? '';
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };
  const useBucket = byTestId<HTMLButtonElement>('base-url-use-bucket');
  let bucketUrl: string | null = null;
  // An empty field is not an error while typing: only when something needs it.
  input.addEventListener('input', () => {
    show(input.value.trim() ? problem() : null);
    useBucket.hidden = bucketUrl === null || bucketUrl === input.value.trim();
  });
  useBucket.addEventListener('click', () => {
    if (!bucketUrl) return;
    input.value = bucketUrl;
    useBucket.hidden = true;
    show(null);
    input.dispatchEvent(new Event('change'));
    input.focus();
  });
  return {
    /** Offers the S3 bucket's URL for the bundle (null: publishing is not set up), as a button and in the list. */
    suggestBucket(url: string | null): void {
      bucketUrl = url;
      useBucket.hidden = url === null || url === input.value.trim();
      useBucket.textContent = url ? `Use the S3 bucket's address: ${url}` : '';
      const list = document.getElementById('base-url-suggestions');
      list?.querySelector('[data-bucket]')?.remove();
      if (url && list) list.prepend(h('option', { value: url, 'data-bucket': '' }, 'the S3 bucket set up below'));
    },
    /** The normalised URL; throws (after marking and focusing the field) when it is unusable. */
    require(): string {
      const message = problem();
      show(message);
      if (message) {
        input.focus();
        throw new TypeError(message);
      }
      return normaliseBaseUrl(input.value);
    },
  };
}

export type BaseUrlField = ReturnType<typeof wireBaseUrlField>;

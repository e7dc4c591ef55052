import { normaliseBaseUrl } from '../shared/base-url';
import { byTestId } from './dom';

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
  // An empty field is not an error while typing: only when something needs it.
  input.addEventListener('input', () => show(input.value.trim() ? problem() : null));
  return {
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

/** The path below the app where the service worker serves the stored bundle, for viewers that take URLs. */
export const LOCAL_IIIF_PATH = 'local-iiif';

/** The local bundle's base URL for an app served at `appBase` (the document's or the worker's scope). */
export function localIiifBase(appBase: string): string {
  return new URL(LOCAL_IIIF_PATH, appBase).href;
}

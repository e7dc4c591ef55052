// Mirador 4 ships no types: the one entry point used here.
declare module 'mirador' {
  export interface MiradorViewer {
    unmount(): void;
  }
  export function viewer(config: Record<string, unknown>, plugins?: unknown[]): MiradorViewer;
}

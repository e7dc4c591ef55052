/** wasm-vips handles live in wasm memory until deleted: a scope deletes a group of them at once. */
export interface Deletable {
  delete(): void;
  isDeleted(): boolean;
}

export class HandleScope {
  private readonly handles: Deletable[] = [];

  track<T extends Deletable>(handle: T): T {
    this.handles.push(handle);
    return handle;
  }

  dispose(): void {
    for (const handle of this.handles.splice(0)) if (!handle.isDeleted()) handle.delete();
  }
}

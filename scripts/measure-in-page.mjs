// Functions scripts/measure-large.mjs evaluates inside the app: in its tiling worker and in the page.
/* eslint-disable no-undef -- these run in the worker and in the page */
/** Runs in the worker: counts bytes read through FileReaderSync, logged before each message it posts. */
export function countFileReads() {
  let total = 0;
  let logged = -1;
  const read = FileReaderSync.prototype.readAsArrayBuffer;
  FileReaderSync.prototype.readAsArrayBuffer = function (blob) {
    total += blob.size;
    return read.call(this, blob);
  };
  const post = self.postMessage.bind(self);
  self.postMessage = (...message) => {
    if (total !== logged) console.log(`vitrine-measure bytes read ${(logged = total)}`);
    return post(...message);
  };
}

/** Runs in the page: the stored bytes of one file, as base64. */
export function storedFileBase64([id, path]) {
  return new Promise((done, fail) => {
    const open = indexedDB.open('vitrine');
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('files').objectStore('files').get([id, path]);
      get.onsuccess = () => {
        const bytes = new Uint8Array(get.result.data);
        let text = '';
        for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        done(btoa(text));
      };
      get.onerror = () => fail(get.error);
    };
  });
}

/** Runs in the page: how many scratch files are left in OPFS. */
export async function scratchFileCount() {
  const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('vitrine-scratch', { create: true });
  let count = 0;
  for await (const name of folder.keys()) count += name ? 1 : 0;
  return count;
}

/** Runs in the page: every stored path of one image. */
export function storedPaths(id) {
  return new Promise((done, fail) => {
    const open = indexedDB.open('vitrine');
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const keys = open.result
        .transaction('files')
        .objectStore('files')
        .getAllKeys(IDBKeyRange.bound([id, ''], [id, '\uffff']));
      keys.onsuccess = () => {
        open.result.close();
        done(keys.result.map((k) => k[1]));
      };
      keys.onerror = () => fail(keys.error);
    };
  });
}

/* eslint-enable no-undef */

import { droppedFiles, folderOf, walkOrder, type IncomingFile } from './folder-entries';

interface LaunchParams {
  files: readonly FileSystemFileHandle[];
}
interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

/** Files the operating system opens with the installed app (the manifest's file_handlers), where supported. */
export function wireFileHandler(onFiles: (files: IncomingFile[]) => void): void {
  const queue = (window as { launchQueue?: LaunchQueue }).launchQueue;
  queue?.setConsumer((params) => {
    if (!params.files.length) return;
    void Promise.all(params.files.map((handle) => handle.getFile())).then((files) =>
      onFiles(files.map((file) => ({ file, folder: null }))),
    );
  });
}

/** The drop zone, the file picker and the folder picker: each hands its files to `onFiles`. */
export function wireDropZone(
  zone: HTMLElement,
  pickers: { files: HTMLInputElement; folder: HTMLInputElement },
  onFiles: (files: IncomingFile[]) => void,
): void {
  for (const input of [pickers.files, pickers.folder]) {
    input.addEventListener('change', () => {
      const inFolder = input === pickers.folder;
      const folder = (file: File) => (inFolder ? (folderOf(file.webkitRelativePath) ?? '') : null);
      const files = [...(input.files ?? [])];
      if (inFolder) files.sort((a, b) => walkOrder(a.webkitRelativePath, b.webkitRelativePath));
      if (files.length) onFiles(files.map((file) => ({ file, folder: folder(file) })));
      input.value = '';
    });
  }
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('drag-over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('drag-over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('drag-over');
    if (event.dataTransfer) void droppedFiles(event.dataTransfer).then((files) => files.length && onFiles(files));
  });
}

// The built app served by `vite preview` on 127.0.0.1, for the bench, the measuring script and the
// Firefox suite. Vite itself is spawned, not npx: killing npx would leave its vite child serving.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Starts `vite preview` on `port` from the repository root; stop it with `.kill()`. */
export function startPreview(port) {
  const vite = resolve(ROOT, 'node_modules/vite/bin/vite.js');
  const args = [vite, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'];
  return spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
}

/** Opens the app in `page`, retrying while the server starts, and waits until it has loaded. */
export async function openWhenServed(page, port) {
  for (let i = 0; ; i++) {
    try {
      await page.goto(`http://127.0.0.1:${port}/`);
      break;
    } catch (error) {
      if (i > 50) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await page.waitForSelector('[data-testid=app-status][data-ready=true]', { state: 'attached' });
}

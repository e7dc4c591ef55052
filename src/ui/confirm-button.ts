/** How long a destructive button waits for its second click before it goes back to its first text. */
const CONFIRM_MS = 5000;

/**
 * For actions nothing can undo (cancel every job, forget upload records): the first click asks, in the
 * button itself, and only a second click within CONFIRM_MS acts.
 */
export function confirmTwice(b: HTMLButtonElement, ask: string, act: () => void): void {
  const text = b.textContent;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reset = () => {
    clearTimeout(timer);
    delete b.dataset.confirming;
    b.textContent = text;
  };
  b.classList.add('danger');
  b.addEventListener('click', () => {
    if (b.dataset.confirming) {
      reset();
      act();
      return;
    }
    b.dataset.confirming = 'true';
    b.textContent = ask;
    timer = setTimeout(reset, CONFIRM_MS);
  });
  b.addEventListener('blur', reset);
}

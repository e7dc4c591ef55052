/** A setting that cannot be used as it is: the message belongs beside `control`, not in a status line. */
export class FieldProblem extends Error {
  constructor(
    readonly control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
    message: string,
  ) {
    super(message);
    this.name = 'FieldProblem';
  }
}

/** Shows the problem right after its control (made once per control), marks the control invalid and focuses it. */
export function showFieldProblem({ control, message }: FieldProblem): void {
  let note = control.nextElementSibling;
  if (!(note instanceof HTMLElement) || !note.classList.contains('field-error')) {
    note = document.createElement('small');
    note.className = 'field-error';
    note.id = `${control.dataset.testid ?? 'field'}-error`;
    note.setAttribute('role', 'alert');
    note.setAttribute('data-testid', note.id);
    control.after(note);
    control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') ?? ''} ${note.id}`.trim());
    // Editing the field is the answer to the problem: the note goes as soon as it changes.
    control.addEventListener('input', () => clearFieldProblem(control));
  }
  note.textContent = message;
  control.setAttribute('aria-invalid', 'true');
  control.focus();
}

export function clearFieldProblem(control: HTMLElement): void {
  const note = control.nextElementSibling;
  if (note?.classList.contains('field-error')) note.textContent = '';
  control.removeAttribute('aria-invalid');
}

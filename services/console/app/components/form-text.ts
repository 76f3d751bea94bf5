/** A text field of a submitted form, trimmed; '' when absent (a file field is never text). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

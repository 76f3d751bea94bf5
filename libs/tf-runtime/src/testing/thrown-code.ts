/** The `code` of what `action` throws, or 'nothing thrown': asserts MicroSegError codes without `any` matchers. */
export function thrownCode(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  return 'nothing thrown';
}

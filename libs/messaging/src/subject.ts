import { invalidInput } from '@microseg/errors';

// Concrete subjects only (no `*` or `>`), dot-separated tokens under the `microseg.` root, so a
// contract can never subscribe to more than it declares.
const SUBJECT = /^microseg(\.[A-Za-z0-9_-]+)+$/;
const STREAM_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function assertSubject(subject: string): string {
  if (!SUBJECT.test(subject)) {
    throw invalidInput(
      `invalid subject "${subject}": expected microseg.<token>... without wildcards`,
      { subject },
    );
  }
  return subject;
}

export function assertStreamName(name: string): string {
  if (!STREAM_NAME.test(name)) {
    throw invalidInput(`invalid stream or consumer name "${name}": letters, digits, _ and - only`, {
      name,
    });
  }
  return name;
}

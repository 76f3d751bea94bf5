import { describe, expect, it } from 'vitest';
import { redactDetails, redactInternals } from './redact-internals.ts';

describe('redactInternals', () => {
  it('names the service instead of its NATS subject, and hides events and reply inboxes', () => {
    expect(redactInternals('invalid message for microseg.identity.v1.authenticate')).toBe('invalid message for the identity service');
    expect(redactInternals('no responders on microseg.dataset.v1.images.list')).toBe('no responders on the dataset service');
    expect(redactInternals('on microseg.events.apikey.revoked.v1 via _INBOX.abc.123')).toBe('on a platform event via a reply');
  });

  it('leaves other text alone, file names like microseg.json included', () => {
    expect(redactInternals('the model directory lacks microseg.json')).toBe('the model directory lacks microseg.json');
  });

  it('drops subject facts and redacts strings inside details', () => {
    expect(redactDetails({ subject: 'microseg.training.v1.jobs.start', issues: [{ path: 'apiKey', message: 'see microseg.identity.v1.authenticate' }] })).toEqual({
      issues: [{ path: 'apiKey', message: 'see the identity service' }],
    });
  });
});

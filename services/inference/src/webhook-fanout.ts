import type { WebhookEvent } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type PlatformDirectory, groupPrincipal } from './platform-directory.ts';
import type { WebhookRepository } from './webhook.repository.ts';

export interface CompletedEvent {
  groupId: string;
  imageId: string;
  datasetId: string;
  /** The measurement set or segmentation the event is about: one delivery per hook and subject. */
  subjectId: string;
}

/**
 * Turns a platform event into one delivery per subscribed hook of the event's group, with the
 * image's LIMS sample id in the payload. Only database work and one image lookup: the HTTP calls
 * happen later, in the delivery workers, so a slow LIMS never holds this consumer.
 */
export class WebhookFanout {
  constructor(
    private readonly deps: { webhooks: WebhookRepository; directory: PlatformDirectory; logger: Logger },
  ) {}

  async onEvent(event: WebhookEvent, subject: CompletedEvent, data: Record<string, unknown>): Promise<number> {
    const hooks = await this.deps.webhooks.subscribed(subject.groupId, event);
    if (hooks.length === 0) return 0;
    const image = await this.deps.directory.image(groupPrincipal(subject.groupId), subject.imageId);
    const created = await this.deps.webhooks.enqueue(hooks, {
      event,
      subjectId: subject.subjectId,
      imageId: subject.imageId,
      limsId: image.limsId,
      body: (deliveryId) => JSON.stringify({ id: deliveryId, event, limsId: image.limsId, imageId: image.id, datasetId: subject.datasetId, data }),
    });
    this.deps.logger.debug({ event, subjectId: subject.subjectId, hooks: hooks.length, created }, 'webhook deliveries queued');
    return created;
  }
}

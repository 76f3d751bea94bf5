import { useQuery } from '@urql/preact';
import { ErrorMessage } from '../components/error-message.tsx';
import { graphql } from '../generated/index.ts';
import { enumWord } from '../graphql/enum-words.ts';

const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries {
    webhooks {
      id
      url
    }
    webhookDeliveries(first: 100) { nodes {
      id
      webhookId
      event
      imageId
      limsId
      state
      attempts {
        attempt
        statusCode
        error
        refusedRule
        at
      }
      updatedAt
    }  }
  }
`);

/** The webhook delivery log, newest first: what the LIMS was told, and why a delivery failed. */
export function DeliveriesSection() {
  const [{ data, error }] = useQuery({ query: WebhookDeliveriesQuery, requestPolicy: 'cache-and-network' });
  const urls = new Map(data?.webhooks.map((w) => [w.id, w.url]));
  return (
    <section aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">Webhook deliveries</h2>
      {error && <ErrorMessage error={error} />}
      {data && data.webhooks.length === 0 && (
        <p>
          No webhook yet: add one with <code>microseg webhook create URL</code>.
        </p>
      )}
      {data && data.webhookDeliveries.nodes.length > 0 && (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Image</th>
              <th scope="col">Receiver</th>
              <th scope="col">State</th>
              <th scope="col">Last attempt</th>
            </tr>
          </thead>
          <tbody>
            {data.webhookDeliveries.nodes.map((delivery) => {
              const last = delivery.attempts.at(-1);
              return (
                <tr key={delivery.id}>
                  <td>{new Date(delivery.updatedAt).toLocaleString()}</td>
                  <td>{enumWord(delivery.event).replace('_', ' ')}</td>
                  <td>
                    <a href={`/images/${delivery.imageId}`}>{delivery.limsId ?? delivery.imageId.slice(0, 8)}</a>
                  </td>
                  <td>{urls.get(delivery.webhookId) ?? 'a deleted webhook'}</td>
                  <td>{enumWord(delivery.state)}</td>
                  <td>{last ? attemptInWords(last) : 'not tried yet'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function attemptInWords(attempt: { attempt: number; statusCode?: number | null; error?: string | null; refusedRule?: string | null }): string {
  if (attempt.refusedRule) return `not sent: the address is ${attempt.refusedRule}, which webhooks may not reach`;
  if (attempt.statusCode) return `#${attempt.attempt}: HTTP ${attempt.statusCode}${attempt.error ? ` (${attempt.error})` : ''}`;
  return `#${attempt.attempt}: ${attempt.error ?? 'no answer'}`;
}

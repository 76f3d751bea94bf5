// Follows a dataset's finished measurements live, over the GraphQL subscription
// (graphql-transport-ws protocol, spoken here by hand so any language can copy it).
// Usage: node follow-measurements.mjs DATASET_ID [COUNT]   (Node 20: add --experimental-websocket)
// Prints one JSON line per measurement; stops after COUNT of them (default: never).
import { url } from './microseg-client.mjs';

const [datasetId, count = 'Infinity'] = process.argv.slice(2);
if (!datasetId) throw new Error('usage: node follow-measurements.mjs DATASET_ID [COUNT]');
let remaining = Number(count);

const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
socket.addEventListener('open', () => {
  // The API key travels in the connection_init payload (browsers cannot set WebSocket headers).
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${process.env.MICROSEG_API_KEY}` } }));
});
socket.addEventListener('message', ({ data }) => {
  const message = JSON.parse(String(data));
  switch (message.type) {
    case 'connection_ack':
      socket.send(JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: {
          query: `subscription Follow($datasetId: ID!) {
            measurementCompleted(datasetId: $datasetId) { measurementId imageId limsId modelVersionId status }
          }`,
          variables: { datasetId },
        },
      }));
      // Tell whoever started us (a test, a supervisor) that events from now on will arrive.
      console.error('subscribed');
      break;
    case 'next':
      console.log(JSON.stringify(message.payload.data.measurementCompleted));
      if (--remaining <= 0) socket.close(1000);
      break;
    case 'error':
      throw new Error(`subscription refused: ${JSON.stringify(message.payload)}`);
    case 'ping':
      socket.send(JSON.stringify({ type: 'pong' }));
      break;
  }
});
socket.addEventListener('close', ({ code, reason }) => {
  // 4401/4403: the key is revoked or lacks access; anything else unexpected: reconnect with backoff.
  if (code !== 1000) {
    console.error(`connection closed: ${code} ${reason}`);
    process.exitCode = 1;
  }
});

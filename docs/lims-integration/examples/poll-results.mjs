// Waits for a LIMS sample's automatic results and prints them: polling with backoff.
// Usage: node poll-results.mjs LIMS_ID [TIMEOUT_SECONDS]
import { graphql } from './microseg-client.mjs';

const [limsId, timeoutSeconds = '600'] = process.argv.slice(2);
if (!limsId) throw new Error('usage: node poll-results.mjs LIMS_ID [TIMEOUT_SECONDS]');

const RESULTS = `query Results($limsId: ID!) {
  imageByLimsId(limsId: $limsId) {
    id limsId
    measurements(source: MODEL, first: 20) {
      nodes {
        id status modelVersionId unit
        particles { class count areaFraction equivalentDiameter { mean } }
      }
    }
  }
}`;

const deadline = Date.now() + Number(timeoutSeconds) * 1000;
for (let delayMs = 500; ; delayMs = Math.min(delayMs * 2, 15_000)) {
  // null: no image has this LIMS id yet (the upload has not completed); an error is a real failure.
  const { imageByLimsId: image } = await graphql(RESULTS, { limsId });
  // A measurement set appears once metrology has finished the model's mask (SUCCEEDED or FAILED).
  if (image && image.measurements.nodes.length > 0) {
    console.log(JSON.stringify({ ...image, measurements: image.measurements.nodes }));
    break;
  }
  if (Date.now() > deadline) throw new Error(`no results for ${limsId} within ${timeoutSeconds} s`);
  await new Promise((resolve) => setTimeout(resolve, delayMs));
}

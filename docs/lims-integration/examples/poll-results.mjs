// Waits for a LIMS sample's automatic results and prints them: polling with backoff.
// Usage: node poll-results.mjs LIMS_ID [TIMEOUT_SECONDS]
import { MicroSegError, graphql } from './microseg-client.mjs';

const [limsId, timeoutSeconds = '600'] = process.argv.slice(2);
if (!limsId) throw new Error('usage: node poll-results.mjs LIMS_ID [TIMEOUT_SECONDS]');

const RESULTS = `query Results($limsId: String!) {
  imageByLimsId(limsId: $limsId) {
    id limsId
    measurements(source: model) {
      id status modelVersionId unit
      particles { class count areaFraction equivalentDiameter { mean } }
    }
  }
}`;

const deadline = Date.now() + Number(timeoutSeconds) * 1000;
for (let delayMs = 500; ; delayMs = Math.min(delayMs * 2, 15_000)) {
  try {
    const { imageByLimsId: image } = await graphql(RESULTS, { limsId });
    // A measurement set appears once metrology has finished the model's mask (succeeded or failed).
    if (image.measurements.length > 0) {
      console.log(JSON.stringify(image));
      break;
    }
  } catch (error) {
    // NOT_FOUND: the upload has not completed yet; anything else is a real failure.
    if (!(error instanceof MicroSegError && error.code === 'NOT_FOUND')) throw error;
  }
  if (Date.now() > deadline) throw new Error(`no results for ${limsId} within ${timeoutSeconds} s`);
  await new Promise((resolve) => setTimeout(resolve, delayMs));
}

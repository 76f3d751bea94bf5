import { useQuery } from '@urql/preact';
import { graphql } from '../generated/index.ts';

const ModelVersionLabelQuery = graphql(`
  query ModelVersionLabel($id: ID!) {
    modelVersion(id: $id) {
      id
      modelName
      number
    }
  }
`);

/**
 * A model version as people name it ("superalloy-unet v3"), linked to its page. Its own query, so
 * a version the caller may not read (or a label that is no registry id) still shows, as its id.
 */
export function ModelVersionLink({ id }: { id: string }) {
  const [{ data }] = useQuery({ query: ModelVersionLabelQuery, variables: { id } });
  const version = data?.modelVersion;
  return <a href={`/model-versions/${encodeURIComponent(id)}`}>{version ? `${version.modelName} v${version.number}` : id}</a>;
}

import './models.css';
import { useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../components/error-message.tsx';
import { graphql } from '../generated/index.ts';
import type { LengthUnit, ModelCardInput } from '../generated/graphql.ts';
import { formText } from '../components/form-text.ts';
import { enumWord } from '../graphql/enum-words.ts';

const UpdateModelCard = graphql(`
  mutation UpdateModelCard($modelId: ID!, $card: ModelCardInput!) {
    updateModelCard(modelId: $modelId, card: $card) {
      id
      card {
        markdown
        intendedMaterial
        magnification
        pixelSize {
          value
          unit
        }
        limits
      }
    }
  }
`);

export interface ModelCardData {
  markdown: string;
  intendedMaterial?: string | null;
  magnification?: string | null;
  pixelSize?: { value: number; unit: LengthUnit } | null;
  limits?: string | null;
}

const UNITS: readonly LengthUnit[] = ['NM', 'UM', 'MM'];

/** The model card as text (never rendered as HTML: it is whatever its authors typed), editable by the owning group. */
export function ModelCardView({ modelId, card, editable }: { modelId: string; card: ModelCardData; editable: boolean }) {
  const [editing, setEditing] = useState(false);
  const [{ error, fetching }, update] = useMutation(UpdateModelCard);
  const save = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => formText(form, name);
    const input: ModelCardInput = {
      markdown: text('markdown'),
      intendedMaterial: text('intendedMaterial') || null,
      magnification: text('magnification') || null,
      limits: text('limits') || null,
      pixelSize: text('pixelSize') ? { value: Number(text('pixelSize')), unit: text('pixelUnit') as LengthUnit } : null,
    };
    const result = await update({ modelId, card: input });
    if (!result.error) setEditing(false);
  };
  return (
    <article aria-labelledby="model-card-heading">
      <h2 id="model-card-heading">Model card</h2>
      {!editing && (
        <>
          <dl class="facts">
            <dt>Intended material</dt>
            <dd>{card.intendedMaterial ?? '—'}</dd>
            <dt>Magnification</dt>
            <dd>{card.magnification ?? '—'}</dd>
            <dt>Pixel size</dt>
            <dd>{card.pixelSize ? `${card.pixelSize.value} ${enumWord(card.pixelSize.unit)}` : '—'}</dd>
            <dt>Limits</dt>
            <dd>{card.limits ?? '—'}</dd>
          </dl>
          {card.markdown ? <pre class="card-text">{card.markdown}</pre> : <p>The card is empty.</p>}
          {editable && (
            <button type="button" onClick={() => setEditing(true)}>
              Edit the model card
            </button>
          )}
        </>
      )}
      {editing && (
        <form class="stacked-form" onSubmit={(event) => void save(event)} aria-label="Model card">
          <label>
            Description (Markdown)
            <textarea name="markdown" rows={8} defaultValue={card.markdown} />
          </label>
          <label>
            Intended material
            <input name="intendedMaterial" defaultValue={card.intendedMaterial ?? ''} />
          </label>
          <label>
            Magnification
            <input name="magnification" defaultValue={card.magnification ?? ''} />
          </label>
          <label>
            Pixel size
            <input name="pixelSize" type="number" step="any" min="0" defaultValue={card.pixelSize ? String(card.pixelSize.value) : ''} />
          </label>
          <label>
            Pixel size unit
            <select name="pixelUnit" defaultValue={card.pixelSize?.unit ?? 'NM'}>
              {UNITS.map((u) => (
                <option key={u} value={u}>
                  {enumWord(u)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Limits
            <textarea name="limits" rows={3} defaultValue={card.limits ?? ''} />
          </label>
          {error && <ErrorMessage error={error} />}
          <div class="actions">
            <button type="submit" disabled={fetching}>
              Save the card
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </article>
  );
}

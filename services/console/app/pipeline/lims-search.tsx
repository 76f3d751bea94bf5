import './pipeline.css';
import { useLocation } from 'preact-iso';
import { formText } from '../components/form-text.ts';

/** The header's search box: a LIMS sample id opens that sample's results (/lims/ID). */
export function LimsSearch() {
  const { route } = useLocation();
  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const limsId = formText(new FormData(form), 'limsId');
    if (limsId) route(`/lims/${encodeURIComponent(limsId)}`);
  };
  return (
    <form role="search" class="lims-search" onSubmit={submit} aria-label="LIMS sample">
      <label>
        LIMS sample id
        <input name="limsId" type="search" required />
      </label>
      <button type="submit">Open</button>
    </form>
  );
}

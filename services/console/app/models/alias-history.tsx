import { GateReport, type GateReportView } from './gate-report.tsx';
import { enumWord } from '../graphql/enum-words.ts';

export interface AliasView {
  alias: string;
  versionId: string;
  versionNumber: number;
  movedAt: string;
}

export interface AliasMoveView {
  id: string;
  alias: string;
  fromVersionId?: string | null;
  toVersionId: string;
  movedBy: string;
  movedAt: string;
  outcome: string;
  gateSkipped?: boolean;
  gateReport?: GateReportView | null;
}

/** A move's outcome in words; a gated move's report follows it. */
function outcomeInWords(move: AliasMoveView): string {
  if (move.outcome === 'REJECTED') return move.gateReport ? 'refused: it moved while the gate was evaluated' : 'refused: it had moved meanwhile';
  if (move.outcome === 'PENDING') return 'waiting for its gate';
  if (move.outcome === 'REFUSED') return 'refused by its gate';
  return move.gateSkipped ? 'moved past its gate by an admin' : enumWord(move.outcome);
}

/** Where each alias points now, and every move (refused compare-and-set moves and gate refusals included, with their reports). */
export function AliasHistory({ aliases, history, versionNumbers }: { aliases: readonly AliasView[]; history: readonly AliasMoveView[]; versionNumbers: ReadonlyMap<string, number> }) {
  const version = (id: string | null | undefined) => {
    if (!id) return 'nothing';
    const number = versionNumbers.get(id);
    return <a href={`/model-versions/${id}`}>{number === undefined ? id.slice(0, 8) : `v${number}`}</a>;
  };
  return (
    <div>
      <h2>Aliases</h2>
      {aliases.length === 0 ? (
        <p>No alias yet: set one from a version's page.</p>
      ) : (
        <ul aria-label="Aliases">
          {aliases.map((a) => (
            <li key={a.alias}>
              <strong>{a.alias}</strong> → {version(a.versionId)} since {new Date(a.movedAt).toLocaleString()}
            </li>
          ))}
        </ul>
      )}
      {history.length > 0 && (
        <table class="data-table">
          <caption>Alias history</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Alias</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Outcome</th>
              <th scope="col">By member</th>
            </tr>
          </thead>
          <tbody>
            {history.map((move) => (
              <tr key={move.id}>
                <td>{new Date(move.movedAt).toLocaleString()}</td>
                <td>{move.alias}</td>
                <td>{version(move.fromVersionId)}</td>
                <td>{version(move.toVersionId)}</td>
                <td>
                  {outcomeInWords(move)}
                  {move.gateReport && <GateReport report={move.gateReport} />}
                </td>
                <td>
                  <code>{move.movedBy.slice(0, 8)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

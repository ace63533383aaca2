/** The player's own stats and level, and the leaderboard. */
import { useEffect, useState } from 'preact/hooks';
import { WebStatsDocument, type WebStatsQuery } from '../gql/graphql.js';
import { query } from '../lib/api.js';
import { session } from '../lib/session.js';
import { useStore } from '../lib/store.js';
import { Notice } from '../lib/ui.js';

export function StatsPage() {
  const me = useStore(session);
  const [data, setData] = useState<WebStatsQuery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const userId = me?.viewer.id ?? '';
  useEffect(() => {
    let gone = false;
    void query(WebStatsDocument, { userId }).then((result) => {
      if (gone) return;
      setData(result.data);
      setError(result.error);
    });
    return () => {
      gone = true;
    };
  }, [userId]);
  if (error) return <Notice kind="error">{error}</Notice>;
  if (!data) return <p class="loading">Loading stats…</p>;
  const p = data.player;
  return (
    <section aria-labelledby="stats-title" class="stats-page">
      <h1 id="stats-title">Your stats</h1>
      {p ? (
        <div class="card" data-testid="my-stats">
          <p class="level">
            Level <strong>{p.level}</strong> · {p.experience} XP
          </p>
          <dl class="stats">
            <div>
              <dt>Games</dt>
              <dd>{p.gamesPlayed}</dd>
            </div>
            <div>
              <dt>Wins</dt>
              <dd>{p.wins}</dd>
            </div>
            <div>
              <dt>Losses</dt>
              <dd>{p.losses}</dd>
            </div>
            <div>
              <dt>Best wave</dt>
              <dd>{p.highestWave}</dd>
            </div>
            <div>
              <dt>Towers</dt>
              <dd>{p.towersPlaced}</dd>
            </div>
            <div>
              <dt>Total score</dt>
              <dd>{p.totalScore}</dd>
            </div>
          </dl>
        </div>
      ) : (
        <p class="empty card">No finished game yet: your stats appear after your first game ends.</p>
      )}
      <h2>Leaderboard</h2>
      <div class="table-wrap">
        <table data-testid="leaderboard">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Player</th>
              <th scope="col">Level</th>
              <th scope="col">Wins</th>
              <th scope="col">Games</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {data.leaderboard.map((row, i) => (
              <tr class={row.userId === userId ? 'me' : undefined} key={row.userId}>
                <td>{i + 1}</td>
                <td>{row.username}</td>
                <td>{row.level}</td>
                <td>{row.wins}</td>
                <td>{row.gamesPlayed}</td>
                <td>{row.totalScore}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.leaderboard.length === 0 ? <p class="empty">Nobody has finished a game yet.</p> : null}
    </section>
  );
}

/**
 * The lobby: active games (live from activeGameSessionsChanged), create a game, join one, or wait
 * for a match. A match found while waiting opens its game (seen live in the active games, and
 * checked every few seconds with myMatchRequest).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  WebActiveGamesChangedDocument,
  WebCancelMatchDocument,
  WebCatalogDocument,
  WebCreateGameDocument,
  WebJoinGameDocument,
  WebLobbyDocument,
  WebMyMatchRequestDocument,
  WebRequestMatchDocument,
  type Difficulty,
  type GameSummaryFragment,
  type WebCatalogQuery,
  type WebMyMatchRequestQuery,
} from '../gql/graphql.js';
import { live, mutation, query } from '../lib/api.js';
import { session } from '../lib/session.js';
import { useStore } from '../lib/store.js';
import { byField, Field, navigate, newKey, Notice, type FieldErrors } from '../lib/ui.js';

const DIFFICULTIES: Difficulty[] = ['EASY', 'NORMAL', 'HARD'];
type Match = NonNullable<WebMyMatchRequestQuery['myMatchRequest']>;
type Catalog = WebCatalogQuery['gameCatalog'];

const newestFirst = (games: GameSummaryFragment[]) => [...games].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

function CreateGame(props: { catalog: Catalog | null }) {
  const [difficulty, setDifficulty] = useState<Difficulty>('EASY');
  const [maxPlayers, setMaxPlayers] = useState(2);
  const [map, setMap] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const { data, error } = await mutation(WebCreateGameDocument, { input: { difficulty, maxPlayers, map: map || null, idempotencyKey: newKey() } });
    setBusy(false);
    const result = data?.createGameSession;
    if (result?.__typename === 'CreateGameSessionSuccess') return navigate(`#/game/${encodeURIComponent(result.gameSession.id)}`);
    setFields(result?.__typename === 'ValidationError' ? byField(result.fieldErrors) : {});
    setMessage(result?.__typename === 'ValidationError' && result.fieldErrors.length ? null : (result?.message ?? error));
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="create-title" data-testid="create-game">
      <h2 id="create-title">New game</h2>
      <div class="row">
        <Field id="create-difficulty" label="Difficulty" error={fields.difficulty}>
          {(aria) => (
            <select {...aria} value={difficulty} onChange={(e) => setDifficulty(e.currentTarget.value as Difficulty)}>
              {DIFFICULTIES.map((d) => (
                <option value={d}>{d.toLowerCase()}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="create-players" label="Players" error={fields.maxPlayers}>
          {(aria) => (
            <select {...aria} value={String(maxPlayers)} onChange={(e) => setMaxPlayers(Number(e.currentTarget.value))}>
              {[1, 2, 3, 4].map((n) => (
                <option value={String(n)}>{n}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="create-map" label="Map" error={fields.map}>
          {(aria) => (
            <select {...aria} value={map} onChange={(e) => setMap(e.currentTarget.value)}>
              {(props.catalog?.maps ?? []).map((m, i) => (
                <option value={i === 0 ? '' : m.id}>
                  {m.name} ({m.width}×{m.height})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {props.catalog ? (
        <p class="hint">
          Everyone starts with {props.catalog.startingGold} gold; survive {props.catalog.waves} waves to win.
        </p>
      ) : null}
      {message ? <Notice kind="error">{message}</Notice> : null}
      <button type="submit" class="primary" disabled={busy}>
        Create game
      </button>
    </form>
  );
}

function Matchmaking(props: { match: Match | null; onChange: (m: Match | null) => void }) {
  const [difficulty, setDifficulty] = useState<Difficulty>('EASY');
  const [message, setMessage] = useState<string | null>(null);
  const waiting = props.match?.status === 'WAITING';
  const request = async () => {
    const { data, error } = await mutation(WebRequestMatchDocument, { input: { difficulty, idempotencyKey: newKey() } });
    const result = data?.requestMatch;
    if (result?.__typename === 'RequestMatchSuccess') {
      setMessage(null);
      props.onChange(result.matchRequest);
    } else setMessage(result?.message ?? error);
  };
  const cancel = async () => {
    const { data, error } = await mutation(WebCancelMatchDocument, {});
    const result = data?.cancelMatchRequest;
    if (result?.__typename === 'CancelMatchRequestSuccess') {
      setMessage(null);
      props.onChange(result.matchRequest);
    } else setMessage(result?.message ?? error);
  };
  return (
    <section class="card" aria-labelledby="match-title" data-testid="matchmaking">
      <h2 id="match-title">Find a match</h2>
      {waiting ? (
        <p role="status">
          <span class="spinner" aria-hidden="true" /> Waiting for players ({props.match?.difficulty.toLowerCase()})…
        </p>
      ) : (
        <Field id="match-difficulty" label="Difficulty">
          {(aria) => (
            <select {...aria} value={difficulty} onChange={(e) => setDifficulty(e.currentTarget.value as Difficulty)}>
              {DIFFICULTIES.map((d) => (
                <option value={d}>{d.toLowerCase()}</option>
              ))}
            </select>
          )}
        </Field>
      )}
      {props.match?.status === 'MATCHED' && props.match.gameSession ? (
        <Notice kind="success">
          Match found! <a href={`#/game/${encodeURIComponent(props.match.gameSession.id)}`}>Open the game</a>
        </Notice>
      ) : null}
      {message ? <Notice kind="error">{message}</Notice> : null}
      {waiting ? (
        <button type="button" onClick={() => void cancel()}>
          Cancel
        </button>
      ) : (
        <button type="button" class="primary" onClick={() => void request()}>
          Find a match
        </button>
      )}
    </section>
  );
}

export function LobbyPage() {
  const me = useStore(session);
  const [games, setGames] = useState<GameSummaryFragment[] | null>(null);
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [match, setMatch] = useState<Match | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [joinError, setJoinError] = useState<{ id: string; message: string } | null>(null);
  const matchRef = useRef(match);
  matchRef.current = match;
  const myId = me?.viewer.id;

  useEffect(() => {
    let gone = false;
    const load = async () => {
      const { data, error: failed } = await query(WebLobbyDocument, {});
      if (gone) return;
      if (!data) return setError(failed ?? 'Could not load the lobby');
      setError(null);
      setGames(newestFirst(data.activeGameSessions.edges.map((e) => e.node)));
    };
    void load();
    void query(WebCatalogDocument, {}).then(({ data, error: failed }) => {
      if (gone) return;
      if (data) setCatalog(data.gameCatalog);
      else setError(failed ?? 'Could not load the maps');
    });
    const stop = live(
      WebActiveGamesChangedDocument,
      () => ({}),
      {
        data: ({ activeGameSessionsChanged: game }) => {
          setGames((list) => {
            const rest = (list ?? []).filter((g) => g.id !== game.id);
            return newestFirst(game.status === 'ENDED' ? rest : [game, ...rest]);
          });
          // Matched while waiting: the new game has us in it.
          if (matchRef.current?.status === 'WAITING' && game.status === 'LOBBY' && game.players.some((p) => p.userId === myId)) void refreshMatch();
        },
        // After a reconnection: what changed meanwhile.
        resubscribing: () => void load(),
      },
    );
    const refreshMatch = async () => {
      const { data } = await query(WebMyMatchRequestDocument, {});
      if (!gone && data) setMatch(data.myMatchRequest ?? null);
    };
    void refreshMatch();
    const poll = setInterval(() => {
      if (matchRef.current?.status === 'WAITING') void refreshMatch();
    }, 3_000);
    return () => {
      gone = true;
      stop();
      clearInterval(poll);
    };
  }, [myId]);

  // A match found while waiting opens its game.
  const previous = useRef<Match | null>(null);
  useEffect(() => {
    if (previous.current?.status === 'WAITING' && match?.status === 'MATCHED' && match.gameSession) navigate(`#/game/${encodeURIComponent(match.gameSession.id)}`);
    previous.current = match;
  }, [match]);

  const join = async (id: string) => {
    setJoinError(null);
    const { data, error: failed } = await mutation(WebJoinGameDocument, { input: { sessionId: id, idempotencyKey: newKey() } });
    const result = data?.joinGameSession;
    if (result?.__typename === 'JoinGameSessionSuccess') navigate(`#/game/${encodeURIComponent(id)}`);
    else setJoinError({ id, message: result?.message ?? failed ?? 'Could not join' });
  };

  return (
    <section class="lobby" aria-labelledby="lobby-title">
      <h1 id="lobby-title">Lobby</h1>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <div class="columns">
        <CreateGame catalog={catalog} />
        <Matchmaking match={match} onChange={setMatch} />
      </div>
      <section class="card" aria-labelledby="games-title">
        <h2 id="games-title">Active games {games ? <span class="count">{games.length}</span> : null}</h2>
        {games === null ? (
          <p class="loading">Loading games…</p>
        ) : games.length === 0 ? (
          <p class="empty">No game running. Create one!</p>
        ) : (
          <ul class="games" data-testid="active-games">
            {games.map((g) => {
              const member = g.players.some((p) => p.userId === myId);
              const canJoin = !member && g.status === 'LOBBY' && g.players.length < g.maxPlayers;
              return (
                <li class="game" data-game-id={g.id} key={g.id}>
                  <div class="game-main">
                    <strong>{g.map.name}</strong> <span class={`badge ${g.difficulty.toLowerCase()}`}>{g.difficulty.toLowerCase()}</span>{' '}
                    <span class={`badge status ${g.status.toLowerCase()}`}>{g.status === 'LOBBY' ? 'waiting' : `wave ${g.currentWave} of ${g.totalWaves}`}</span>
                    <div class="players">
                      {g.players.length}/{g.maxPlayers} · {g.players.map((p) => p.username).join(', ')}
                    </div>
                  </div>
                  <div class="game-actions">
                    {canJoin ? (
                      <button type="button" class="primary" onClick={() => void join(g.id)} aria-label={`Join ${g.players[0]?.username ?? ''}'s game on ${g.map.name}`}>
                        Join
                      </button>
                    ) : null}
                    <a class="button" href={`#/game/${encodeURIComponent(g.id)}`}>
                      {member ? 'Open' : 'Watch'}
                    </a>
                  </div>
                  {joinError?.id === g.id ? <Notice kind="error">{joinError.message}</Notice> : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </section>
  );
}

/**
 * A game, live: loaded once with `gameSession`, then every `gameSessionEvents` event folded in
 * (game/fold.ts). After any interruption (dropped connection, token refresh) the subscription
 * resumes with `afterVersion` = the last version applied, so nothing is missed or applied twice.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  WebEndGameDocument,
  WebGameDocument,
  WebGameEventsDocument,
  WebJoinGameDocument,
  WebPlaceTowerDocument,
  WebStartWaveDocument,
  type TowerType,
  type WebGameQuery,
} from '../gql/graphql.js';
import { applyEvent, type Board } from '../game/fold.js';
import { BoardView, ownerColor } from '../game/BoardView.js';
import { live, mutation, query } from '../lib/api.js';
import { isAdmin, session } from '../lib/session.js';
import { useStore } from '../lib/store.js';
import { newKey, Notice } from '../lib/ui.js';

type Catalog = WebGameQuery['gameCatalog']['towerTypes'];

const TOWER_LABEL: Record<TowerType, string> = { ARROW: 'Arrow', CANNON: 'Cannon', FROST: 'Frost', SNIPER: 'Sniper' };
const SPECIAL: Record<string, string> = { NONE: '', SPLASH: 'hits several', SLOW: 'slows' };

export function GamePage(props: { id: string }) {
  const me = useStore(session);
  const [board, setBoard] = useState<Board | null>(null);
  const [catalog, setCatalog] = useState<Catalog>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<TowerType>('ARROW');
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [resumed, setResumed] = useState(0);
  /** Bumped after joining: follow the game again, now as a member. */
  const [membership, setMembership] = useState(0);
  /** Bumped on every wave report that arrived live: replays the wave animation. */
  const [waveRun, setWaveRun] = useState(0);
  const boardRef = useRef<Board | null>(null);
  const myId = me?.viewer.id ?? '';

  useEffect(() => {
    let gone = false;
    let stop: (() => void) | null = null;
    const set = (next: Board) => {
      boardRef.current = next;
      setBoard(next);
    };
    const load = async (): Promise<boolean> => {
      const { data, error, code } = await query(WebGameDocument, { id: props.id });
      if (gone) return false;
      if (!data?.gameSession) {
        setLoadError(data ? 'This game does not exist (or is not visible to you).' : code === 'FORBIDDEN' ? `Not allowed: ${error}` : (error ?? 'Could not load the game'));
        return false;
      }
      setCatalog(data.gameCatalog.towerTypes);
      if (!boardRef.current || data.gameSession.version >= boardRef.current.version) set(data.gameSession);
      setLoadError(null);
      return true;
    };
    void (async () => {
      if (!(await load()) || gone) return;
      stop = live(
        WebGameEventsDocument,
        () => ({ sessionId: props.id, afterVersion: boardRef.current?.version ?? 0 }),
        {
          data: ({ gameSessionEvents: event }) => {
            const current = boardRef.current;
            if (!current) return;
            const applied = applyEvent(current, event);
            if (applied.kind === 'applied') {
              set(applied.board);
              if (event.eventType === 'WaveCompleted') setWaveRun((n) => n + 1);
            } else if (applied.kind === 'gap') void load();
          },
          error: (text, code) => {
            if (code === 'FORBIDDEN') setMessage({ kind: 'info', text: `${text} This board does not update live until you join.` });
          },
          resubscribing: () => setResumed((n) => n + 1),
        },
      );
    })();
    return () => {
      gone = true;
      stop?.();
    };
  }, [props.id, membership]);

  if (loadError) return <Notice kind="error">{loadError}</Notice>;
  if (!board) return <p class="loading">Loading the game…</p>;

  const mine = board.players.find((p) => p.userId === myId) ?? null;
  const spectator = mine === null;
  const ended = board.status === 'ENDED';
  const spec = catalog.find((t) => t.towerType === selected) ?? null;
  const affordable = (cost: number) => mine !== null && mine.gold >= cost;
  const canJoin = spectator && board.status === 'LOBBY' && board.players.length < board.maxPlayers;

  const place = async (x: number, y: number) => {
    if (!mine || !spec) return;
    if (!affordable(spec.cost)) return setMessage({ kind: 'error', text: `${TOWER_LABEL[selected]} costs ${spec.cost} gold; you have ${mine.gold}.` });
    setMessage(null);
    const { data, error } = await mutation(WebPlaceTowerDocument, { input: { sessionId: board.id, towerType: selected, x, y, idempotencyKey: newKey() } });
    const result = data?.placeTower;
    if (result?.__typename === 'PlaceTowerSuccess') return;
    setMessage({ kind: 'error', text: `The server refused: ${result?.message ?? error ?? 'no answer'}` });
  };
  const startWave = async () => {
    setMessage(null);
    const { data, error } = await mutation(WebStartWaveDocument, { input: { sessionId: board.id, idempotencyKey: newKey() } });
    const result = data?.startWave;
    if (result?.__typename !== 'StartWaveSuccess') setMessage({ kind: 'error', text: `The server refused: ${result?.message ?? error ?? 'no answer'}` });
  };
  const endGame = async () => {
    const { data, error } = await mutation(WebEndGameDocument, { input: { sessionId: board.id, reason: 'Ended from the web client', idempotencyKey: newKey() } });
    const result = data?.endGame;
    if (result?.__typename !== 'EndGameSuccess') setMessage({ kind: 'error', text: result?.message ?? error ?? 'no answer' });
  };
  const join = async () => {
    const { data, error } = await mutation(WebJoinGameDocument, { input: { sessionId: board.id, idempotencyKey: newKey() } });
    const result = data?.joinGameSession;
    if (result?.__typename !== 'JoinGameSessionSuccess') return setMessage({ kind: 'error', text: result?.message ?? error ?? 'no answer' });
    setMessage(null);
    setMembership((n) => n + 1);
  };

  const wave = board.lastWave;
  return (
    <section class="game-page" aria-labelledby="game-title" data-testid="game" data-version={board.version} data-resumed={resumed}>
      <div class="game-head">
        <h1 id="game-title">
          {board.map.name} <span class={`badge ${board.difficulty.toLowerCase()}`}>{board.difficulty.toLowerCase()}</span>
          {spectator ? <span class="badge spectator">spectating</span> : null}
        </h1>
        <dl class="stats" aria-label="Team">
          <div>
            <dt>Wave</dt>
            <dd data-testid="wave">
              {board.currentWave} of {board.totalWaves}
            </dd>
          </div>
          <div>
            <dt>Lives</dt>
            <dd data-testid="lives">{board.lives}</dd>
          </div>
          <div>
            <dt>Score</dt>
            <dd data-testid="score">{board.score}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd data-testid="status">{board.status.toLowerCase()}</dd>
          </div>
        </dl>
      </div>

      {ended ? (
        <div class={`result ${board.result === 'VICTORY' ? 'victory' : 'defeat'}`} role="status" data-testid="result">
          {board.result === 'VICTORY' ? 'Victory!' : board.result === 'DEFEAT' ? 'Defeat' : `Game over (${(board.result ?? 'ended').toLowerCase()})`} — score {board.score}, {board.lives} lives left
        </div>
      ) : null}

      <div class="game-layout">
        <div class="board-wrap">
          <BoardView
            board={board}
            myId={myId}
            selected={spectator || ended ? null : selected}
            canAfford={spec ? affordable(spec.cost) : false}
            range={spec?.range ?? 0}
            waveRun={waveRun}
            onPlace={(x, y) => void place(x, y)}
            onBlocked={(text) => setMessage({ kind: 'error', text })}
          />
          {message ? (
            <Notice kind={message.kind} testId="game-message">
              {message.text}
            </Notice>
          ) : null}
        </div>

        <aside class="side">
          <section aria-labelledby="players-title">
            <h2 id="players-title">Players</h2>
            <ul class="player-list" data-testid="players">
              {board.players.map((p) => (
                <li data-player={p.userId} key={p.userId}>
                  <span class="swatch" style={{ background: ownerColor(board, p.userId) }} aria-hidden="true" />
                  <span class="name">
                    {p.username}
                    {p.userId === myId ? ' (you)' : ''}
                    {p.userId === board.hostId ? ' · host' : ''}
                  </span>
                  <span class="gold" data-testid="gold">
                    {p.gold} gold
                  </span>
                  <span class="towers">{p.towersPlaced} towers</span>
                </li>
              ))}
            </ul>
            <p class="hint">
              {board.players.length}/{board.maxPlayers} players
            </p>
            {canJoin ? (
              <button type="button" class="primary" onClick={() => void join()}>
                Join this game
              </button>
            ) : null}
          </section>

          {!spectator && !ended ? (
            <section aria-labelledby="palette-title">
              <h2 id="palette-title">Build</h2>
              <div class="palette" role="radiogroup" aria-labelledby="palette-title">
                {catalog.map((t) => {
                  const ok = affordable(t.cost);
                  return (
                    <button
                      type="button"
                      role="radio"
                      aria-checked={selected === t.towerType}
                      class={`tower-choice${selected === t.towerType ? ' selected' : ''}${ok ? '' : ' unaffordable'}`}
                      data-tower-type={t.towerType}
                      onClick={() => setSelected(t.towerType)}
                      title={ok ? undefined : `Needs ${t.cost} gold`}
                    >
                      <span class="tower-name">{TOWER_LABEL[t.towerType]}</span>
                      <span class="tower-cost">{t.cost} gold</span>
                      <span class="tower-info">
                        range {t.range} · dmg {t.damage}
                        {SPECIAL[t.special] ? ` · ${SPECIAL[t.special]}` : ''}
                      </span>
                      {ok ? null : <span class="tower-warn">can't afford</span>}
                    </button>
                  );
                })}
              </div>
              <p class="hint">Pick a tower, then click a free cell (or Tab to a cell and press Enter).</p>
              <button type="button" class="primary wide" onClick={() => void startWave()} data-testid="start-wave">
                {board.currentWave === 0 ? 'Start the first wave' : `Start wave ${board.currentWave + 1}`}
              </button>
              {board.hostId === myId || isAdmin(me) ? (
                <button type="button" class="link danger" onClick={() => void endGame()}>
                  End game
                </button>
              ) : null}
            </section>
          ) : null}

          <section aria-labelledby="wave-title" data-testid="wave-report">
            <h2 id="wave-title">Last wave</h2>
            {wave ? (
              <dl class="report">
                <div>
                  <dt>Wave</dt>
                  <dd>{wave.wave}</dd>
                </div>
                <div>
                  <dt>Enemies</dt>
                  <dd>{wave.enemies}</dd>
                </div>
                <div>
                  <dt>Killed</dt>
                  <dd>{wave.kills}</dd>
                </div>
                <div>
                  <dt>Leaked</dt>
                  <dd>{wave.leaked}</dd>
                </div>
                <div>
                  <dt>Gold</dt>
                  <dd>+{wave.goldEarned}</dd>
                </div>
                <div>
                  <dt>Score</dt>
                  <dd>+{wave.scoreGained}</dd>
                </div>
              </dl>
            ) : (
              <p class="hint">No wave yet.</p>
            )}
          </section>
        </aside>
      </div>
    </section>
  );
}

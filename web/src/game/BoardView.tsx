/**
 * The board in SVG: grid, enemy path (entry → exit), towers by type (shape) and owner (colour),
 * and the cells where the selected tower can go. Cells are reachable by keyboard (one tab stop,
 * arrow keys move, Enter or Space builds). A wave report replays as enemies walking the path:
 * the leaked ones reach the exit, the others fall on the way.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TowerType } from '../gql/graphql.js';
import { cellProblem, key, type Board } from './fold.js';

const CELL = 40;
const COLORS = ['#4cc9f0', '#f72585', '#b5e48c', '#ffb703'];

export const ownerColor = (board: Board, userId: string): string => COLORS[Math.max(0, board.players.findIndex((p) => p.userId === userId)) % COLORS.length] ?? COLORS[0]!;

function TowerShape(props: { type: TowerType; cx: number; cy: number; color: string }) {
  const { cx, cy, color } = props;
  const r = CELL * 0.32;
  const common = { fill: '#13202d', stroke: color, 'stroke-width': 3 };
  switch (props.type) {
    case 'ARROW':
      return <polygon {...common} points={`${cx},${cy - r} ${cx + r},${cy + r * 0.8} ${cx - r},${cy + r * 0.8}`} />;
    case 'CANNON':
      return <circle {...common} cx={cx} cy={cy} r={r} />;
    case 'FROST':
      return <polygon {...common} points={`${cx},${cy - r} ${cx + r},${cy} ${cx},${cy + r} ${cx - r},${cy}`} />;
    default:
      return <rect {...common} x={cx - r * 0.85} y={cy - r * 0.85} width={r * 1.7} height={r * 1.7} rx={3} />;
  }
}

const TOWER_LETTER: Record<TowerType, string> = { ARROW: 'A', CANNON: 'C', FROST: 'F', SNIPER: 'S' };

/** `clock()`: the SVG's document time; SMIL `begin` values count from it, not from when an element is added. */
function Wave(props: { board: Board; run: number; clock: () => number }) {
  const wave = props.board.lastWave;
  const [start, setStart] = useState<number | null>(null);
  useEffect(() => {
    if (props.run === 0) return;
    setStart(props.clock() + 0.05);
    const timer = setTimeout(() => setStart(null), 4_500);
    return () => clearTimeout(timer);
  }, [props.run]);
  const visible = start !== null;
  const d = useMemo(() => props.board.map.path.map((c, i) => `${i === 0 ? 'M' : 'L'}${c.x * CELL + CELL / 2},${c.y * CELL + CELL / 2}`).join(' '), [props.board.map]);
  if (!visible || !wave) return null;
  const shown = Math.min(wave.enemies, 24);
  const leakedShown = Math.round((wave.leaked / Math.max(1, wave.enemies)) * shown);
  return (
    <g class="enemies" key={props.run} aria-hidden="true" data-testid="wave-animation">
      {Array.from({ length: shown }, (_, i) => {
        const leaks = i < leakedShown;
        // Deterministic "where it falls" per enemy: spread along the path.
        const fallsAt = 0.35 + ((i * 37) % 50) / 100;
        const at = (start ?? 0) + i * 0.12;
        const begin = `${at.toFixed(2)}s`;
        return (
          <circle r={6} class={leaks ? 'enemy leaked' : 'enemy'} cx={0} cy={0} opacity={0}>
            <set attributeName="opacity" to="1" begin={begin} />
            <animateMotion dur="2.6s" begin={begin} fill="freeze" {...({ path: d } as Record<string, string>)} keyPoints={leaks ? '0;1' : `0;${fallsAt.toFixed(2)}`} keyTimes="0;1" calcMode="linear" />
            {leaks ? null : <animate attributeName="opacity" from="1" to="0" begin={`${(at + 2.6).toFixed(2)}s`} dur="0.3s" fill="freeze" />}
          </circle>
        );
      })}
    </g>
  );
}

export function BoardView(props: {
  board: Board;
  myId: string;
  /** The tower type to place; null for spectators and ended games. */
  selected: TowerType | null;
  canAfford: boolean;
  range: number;
  waveRun: number;
  onPlace(x: number, y: number): void;
  onBlocked(message: string): void;
}) {
  const { board } = props;
  const { width, height, path } = board.map;
  const [focus, setFocus] = useState<{ x: number; y: number }>({ x: 0, y: 0 });
  const [hover, setHover] = useState<{ x: number; y: number } | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const onPath = useMemo(() => new Set(path.map((c) => key(c.x, c.y))), [path]);
  const towers = useMemo(() => new Map(board.towers.map((t) => [key(t.x, t.y), t])), [board.towers]);
  const interactive = props.selected !== null;

  const activate = (x: number, y: number) => {
    if (!interactive) return;
    const problem = cellProblem(board, x, y);
    if (problem) return props.onBlocked(`Cell ${x},${y} is ${problem}.`);
    props.onPlace(x, y);
  };

  const onKey = (event: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const next = { x: Math.min(width - 1, Math.max(0, focus.x + move[0])), y: Math.min(height - 1, Math.max(0, focus.y + move[1])) };
      setFocus(next);
      svg.current?.querySelector<SVGElement>(`[data-cell="${key(next.x, next.y)}"]`)?.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate(focus.x, focus.y);
    }
  };

  const cells = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const k = key(x, y);
      const tower = towers.get(k);
      const blocked = onPath.has(k) || tower !== undefined;
      const state = onPath.has(k) ? 'path' : tower ? 'occupied' : interactive ? (props.canAfford ? 'free' : 'unaffordable') : 'idle';
      const label = onPath.has(k)
        ? `Cell ${x},${y}: enemy path`
        : tower
          ? `Cell ${x},${y}: ${tower.towerType.toLowerCase()} tower of ${board.players.find((p) => p.userId === tower.ownerId)?.username ?? 'a player'}`
          : `Cell ${x},${y}: free${interactive ? (props.canAfford ? `, build ${props.selected?.toLowerCase()}` : ', not enough gold') : ''}`;
      cells.push(
        <rect
          key={k}
          class={`cell ${state}${blocked ? ' blocked' : ''}`}
          data-cell={k}
          data-state={state}
          x={x * CELL + 1}
          y={y * CELL + 1}
          width={CELL - 2}
          height={CELL - 2}
          rx={4}
          role="button"
          aria-label={label}
          aria-disabled={!interactive || blocked || !props.canAfford}
          tabIndex={focus.x === x && focus.y === y ? 0 : -1}
          onClick={() => {
            setFocus({ x, y });
            activate(x, y);
          }}
          onMouseEnter={() => setHover({ x, y })}
          onMouseLeave={() => setHover(null)}
          onFocus={() => setFocus({ x, y })}
        />,
      );
    }
  }
  const d = path.map((c, i) => `${i === 0 ? 'M' : 'L'}${c.x * CELL + CELL / 2},${c.y * CELL + CELL / 2}`).join(' ');
  const entry = path[0];
  const exit = path[path.length - 1];
  const preview = hover && interactive && !cellProblem(board, hover.x, hover.y) ? hover : null;

  return (
    <svg
      ref={svg}
      class="board"
      viewBox={`0 0 ${width * CELL} ${height * CELL}`}
      role="group"
      aria-label={`Board ${width}×${height}: ${board.towers.length} towers`}
      data-testid="board"
      data-version={board.version}
      onKeyDown={onKey}
    >
      <g class="cells">{cells}</g>
      <path class="enemy-path" d={d} aria-hidden="true" />
      {entry ? (
        <text class="marker" x={entry.x * CELL + CELL / 2} y={entry.y * CELL + CELL / 2 + 4} aria-hidden="true">
          IN
        </text>
      ) : null}
      {exit ? (
        <text class="marker" x={exit.x * CELL + CELL / 2} y={exit.y * CELL + CELL / 2 + 4} aria-hidden="true">
          OUT
        </text>
      ) : null}
      {preview ? <circle class="range" cx={preview.x * CELL + CELL / 2} cy={preview.y * CELL + CELL / 2} r={props.range * CELL} aria-hidden="true" /> : null}
      <g class="towers">
        {board.towers.map((t) => (
          <g class={`tower ${t.towerType.toLowerCase()}${t.ownerId === props.myId ? ' mine' : ''}`} data-tower={key(t.x, t.y)} data-tower-type={t.towerType} data-owner={t.ownerId} key={t.id} aria-hidden="true">
            <TowerShape type={t.towerType} cx={t.x * CELL + CELL / 2} cy={t.y * CELL + CELL / 2} color={ownerColor(board, t.ownerId)} />
            <text x={t.x * CELL + CELL / 2} y={t.y * CELL + CELL / 2 + 4}>
              {TOWER_LETTER[t.towerType]}
            </text>
          </g>
        ))}
      </g>
      <Wave board={board} run={props.waveRun} clock={() => svg.current?.getCurrentTime() ?? 0} />
    </svg>
  );
}

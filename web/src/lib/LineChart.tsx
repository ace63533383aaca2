/** A small SVG line chart (no library: a few series over time, a legend, a y-axis maximum). */
const PALETTE = ['#4cc9f0', '#f72585', '#b5e48c', '#ffb703', '#9d4edd', '#ff6b6b', '#2ec4b6', '#e9c46a'];

export interface Series {
  readonly name: string;
  readonly points: readonly { t: number; v: number }[];
}

export function LineChart(props: { title: string; series: readonly Series[]; unit?: string; testId?: string; height?: number }) {
  const W = 560;
  const H = props.height ?? 180;
  const pad = { l: 44, r: 10, t: 10, b: 22 };
  const all = props.series.flatMap((s) => s.points);
  const t0 = Math.min(...all.map((p) => p.t), Date.now());
  const t1 = Math.max(...all.map((p) => p.t), t0 + 1);
  const vMax = Math.max(1, ...all.map((p) => p.v));
  const x = (t: number) => pad.l + ((t - t0) / (t1 - t0)) * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - (v / vMax) * (H - pad.t - pad.b);
  const seconds = Math.round((t1 - t0) / 1000);
  return (
    <figure class="chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${props.title}: ${props.series.map((s) => `${s.name} ${s.points.at(-1)?.v ?? 0}${props.unit ?? ''}`).join(', ')}`}>
        <line class="axis" x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} />
        <line class="axis" x1={pad.l} y1={pad.t} x2={pad.l} y2={H - pad.b} />
        <text class="tick" x={pad.l - 4} y={pad.t + 8} text-anchor="end">
          {Number.isInteger(vMax) ? vMax : vMax.toFixed(1)}
          {props.unit ?? ''}
        </text>
        <text class="tick" x={pad.l - 4} y={H - pad.b} text-anchor="end">
          0
        </text>
        <text class="tick" x={W - pad.r} y={H - 6} text-anchor="end">
          {seconds}s window
        </text>
        {props.series.map((s, i) => {
          const last = s.points.at(-1);
          return last ? <circle class="last-point" cx={x(last.t)} cy={y(last.v)} r={3} fill={PALETTE[i % PALETTE.length]} /> : null;
        })}
        {props.series.map((s, i) =>
          s.points.length === 0 ? null : (
            <polyline
              class="series"
              data-series={s.name}
              fill="none"
              stroke={PALETTE[i % PALETTE.length]}
              stroke-width={2}
              points={s.points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')}
            />
          ),
        )}
      </svg>
      <ul class="legend">
        {props.series.map((s, i) => (
          <li key={s.name}>
            <span class="swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden="true" />
            {s.name} <span class="value">{s.points.at(-1)?.v ?? 0}{props.unit ?? ''}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

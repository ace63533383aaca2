/**
 * The one printed table (figure, median, min–max, target, met?) and the JSON results file. A missed
 * target is reported, never an error: the exit code only says whether the benchmark ran.
 */
import type { Summary } from './stats.js';

export interface Target {
  /** The figure must be at least / at most `value`. */
  readonly op: '>=' | '<=';
  readonly value: number;
  /** As printed, e.g. "≥ 60%". */
  readonly text: string;
}

export interface Figure {
  /** Stable key in the JSON file, e.g. `eventStore.append.c64`. */
  readonly id: string;
  readonly section: string;
  readonly label: string;
  readonly unit: string;
  readonly summary: Summary;
  readonly target?: Target;
  /** Caveats: what exactly was measured. */
  readonly note?: string;
}

export const met = (figure: Figure): boolean | null => {
  const { target, summary } = figure;
  if (!target || !Number.isFinite(summary.median)) return null;
  return target.op === '>=' ? summary.median >= target.value : summary.median <= target.value;
};

export const format = (value: number, unit: string): string => {
  if (!Number.isFinite(value)) return '—';
  if (unit === '%') return `${(value * 100).toFixed(1)}%`;
  if (unit === '×') return `${value.toFixed(2)}×`;
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
};

export const unitSuffix = (unit: string): string => (unit === '%' || unit === '×' ? '' : ` ${unit}`);

export const renderTable = (figures: readonly Figure[]): string => {
  const header = ['figure', 'median', 'min–max', 'target', 'met'];
  const rows: string[][] = [];
  let section = '';
  for (const f of figures) {
    if (f.section !== section) {
      section = f.section;
      rows.push([`[${section}]`, '', '', '', '']);
    }
    const ok = met(f);
    rows.push([
      `  ${f.label}`,
      `${format(f.summary.median, f.unit)}${unitSuffix(f.unit)}`,
      f.summary.runs.length > 1 ? `${format(f.summary.min, f.unit)}–${format(f.summary.max, f.unit)}` : '',
      f.target?.text ?? '',
      ok === null ? '' : ok ? 'yes' : 'NO',
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

export const toJson = (figures: readonly Figure[]) =>
  Object.fromEntries(
    figures.map((f) => [
      f.id,
      {
        section: f.section,
        label: f.label,
        unit: f.unit,
        median: f.summary.median,
        min: f.summary.min,
        max: f.summary.max,
        runs: f.summary.runs,
        ...(f.target ? { target: f.target.text, met: met(f) } : {}),
        ...(f.note ? { note: f.note } : {}),
      },
    ]),
  );

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { END, renderResults, START } from '../../bench/readme.js';

const environment = { profile: 'full', cpus: '2 × test', memoryGiB: 1, redis: '7', node: 'v24', aof: 'none', startedAt: '2026-11-30T00:00:00Z', elapsedSeconds: 1 };
const figure = (median: number, extra: Record<string, unknown> = {}) => ({ section: 'graphql', label: 'placeTower ÷ hello-world', unit: '%', median, min: median, max: median, runs: [median], ...extra });

describe('README performance table', () => {
  it('renders each figure with its target and whether it was met, and counts the targets met', () => {
    const table = renderResults({ environment, figures: { a: figure(0.4, { target: '≥ 35%', met: true }), b: figure(0.2, { label: 'other', target: '≥ 35%', met: false }) } }, 'bench/results/x.json');
    expect(table.startsWith(START)).toBe(true);
    expect(table.endsWith(END)).toBe(true);
    expect(table).toContain('| placeTower ÷ hello-world | 40.0% |  | ≥ 35% | yes |');
    expect(table).toContain('| other | 20.0% |  | ≥ 35% | **no** |');
    expect(table).toContain('1 of 2 targets met.');
  });

  it('with an earlier run, shows its median of the same figure in a before column (empty where it had none)', () => {
    const before = { file: 'bench/results/old.json', results: { environment, figures: { a: figure(0.137) } } };
    const table = renderResults({ environment, figures: { a: figure(0.4, { target: '≥ 35%', met: true }), b: figure(0.2, { label: 'new figure' }) } }, 'bench/results/new.json', before);
    expect(table).toContain('| figure | before | now | min–max | target | met |');
    expect(table).toContain('| placeTower ÷ hello-world | 13.7% | 40.0% |  | ≥ 35% | yes |');
    expect(table).toContain('| new figure |  | 20.0% |  |  |  |');
    expect(table).toContain('--before bench/results/old.json');
  });

  it('README.md holds the table generated from the committed results it names', async () => {
    const readme = await readFile('README.md', 'utf8');
    const block = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
    const command = /--readme (\S+?)(?: --before (\S+?))?`/.exec(block);
    expect(command).not.toBeNull();
    const load = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Parameters<typeof renderResults>[0];
    const before = command![2] ? { file: command![2], results: await load(command![2]) } : undefined;
    expect(block).toBe(renderResults(await load(command![1]!), command![1]!, before));
  });
});

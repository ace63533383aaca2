/**
 * Operations (admins): projection status live with a lag chart, command rate and latency from
 * systemMetrics, runtime configuration (history, editor with validation errors and version
 * conflicts), reports, dead letters and maintenance. The server decides who may see this: a
 * non-admin gets its refusal, shown as such.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  WebConfigurationDocument,
  WebConfigurationHistoryDocument,
  WebGenerateReportDocument,
  WebMaintenanceRunsDocument,
  WebPerformMaintenanceDocument,
  WebProjectionStatusesDocument,
  WebReportsDocument,
  WebSystemMetricsDocument,
  WebUpdateConfigurationDocument,
  type MaintenanceTask,
  type ReportKind,
  type WebConfigurationQuery,
  type WebConfigurationHistoryQuery,
  type WebMaintenanceRunsQuery,
  type WebProjectionStatusesSubscription,
  type WebReportsQuery,
  type WebSystemMetricsQuery,
} from '../gql/graphql.js';
import { live, mutation, query } from '../lib/api.js';
import { LineChart, type Series } from '../lib/LineChart.js';
import { byField, Field, formatTime, newKey, Notice, type FieldErrors } from '../lib/ui.js';

type Projection = WebProjectionStatusesSubscription['projectionStatuses'][number];
const HISTORY = 120;

function Projections() {
  const [current, setCurrent] = useState<Projection[]>([]);
  const [history, setHistory] = useState<{ t: number; lag: Record<string, number> }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(
    () =>
      live(
        WebProjectionStatusesDocument,
        () => ({ intervalMs: 1000 }),
        {
          data: ({ projectionStatuses }) => {
            setError(null);
            setCurrent(projectionStatuses);
            setHistory((h) => [...h.slice(-(HISTORY - 1)), { t: Date.now(), lag: Object.fromEntries(projectionStatuses.map((p) => [p.name, p.lag.events])) }]);
          },
          error: (text) => setError(text),
        },
      ),
    [],
  );
  const deadLetters = async (task: MaintenanceTask, projection: string) => {
    const { data, error: failed } = await mutation(WebPerformMaintenanceDocument, { input: { task, target: projection, idempotencyKey: newKey() } });
    const result = data?.performMaintenance;
    setMessage(result?.__typename === 'PerformMaintenanceSuccess' ? `${task.toLowerCase().replace(/_/g, ' ')} on ${projection}: ${JSON.stringify(result.result)}` : (result?.message ?? failed));
  };
  const series: Series[] = current.map((p) => ({ name: p.name, points: history.filter((h) => p.name in h.lag).map((h) => ({ t: h.t, v: h.lag[p.name] ?? 0 })) }));
  return (
    <section class="card" aria-labelledby="proj-title" id="projections">
      <h2 id="proj-title">Projections</h2>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <LineChart title="Lag (events behind), live" series={series} testId="lag-chart" />
      <div class="table-wrap">
        <table data-testid="projections">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">Lag</th>
              <th scope="col">Processed</th>
              <th scope="col">Failed</th>
              <th scope="col">Dead letters</th>
            </tr>
          </thead>
          <tbody>
            {current.map((p) => (
              <tr key={p.name}>
                <td>{p.name}</td>
                <td>
                  <span class={`badge state ${p.state.toLowerCase()}`}>{p.state.toLowerCase().replace('_', ' ')}</span>
                  {p.lastError ? <div class="small">{p.lastError}</div> : null}
                </td>
                <td>
                  {p.lag.events} ev · {Math.round(p.lag.ms)} ms
                </td>
                <td>{p.processedEvents}</td>
                <td>{p.failedEvents}</td>
                <td>
                  {p.deadLetters}
                  {p.deadLetters > 0 ? (
                    <span class="actions">
                      <button type="button" onClick={() => void deadLetters('RETRY_DEAD_LETTERS', p.name)}>
                        Retry
                      </button>
                      <button type="button" onClick={() => void deadLetters('SKIP_DEAD_LETTERS', p.name)}>
                        Skip
                      </button>
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {message ? <Notice kind="info">{message}</Notice> : null}
    </section>
  );
}

function Metrics() {
  const [metrics, setMetrics] = useState<WebSystemMetricsQuery['systemMetrics'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let gone = false;
    const load = async () => {
      const result = await query(WebSystemMetricsDocument, {});
      if (gone) return;
      setMetrics(result.data?.systemMetrics ?? null);
      setError(result.error);
    };
    void load();
    const timer = setInterval(() => void load(), 10_000);
    return () => {
      gone = true;
      clearInterval(timer);
    };
  }, []);
  const series = metrics?.series ?? [];
  const rate: Series[] = [{ name: 'commands/s', points: series.map((s) => ({ t: Date.parse(s.at), v: Math.round((s.commands.reduce((n, c) => n + c.count, 0) / Math.max(1, s.windowSeconds)) * 100) / 100 })) }];
  const latency: Series[] = ['p50', 'p95', 'p99'].map((q) => ({
    name: q,
    points: series.map((s) => ({ t: Date.parse(s.at), v: Math.round(Math.max(0, ...s.commands.map((c) => c[q as 'p50' | 'p95' | 'p99'])) * 10) / 10 })),
  }));
  return (
    <section class="card" aria-labelledby="metrics-title" id="metrics">
      <h2 id="metrics-title">Commands</h2>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {metrics ? (
        <>
          <p class="hint">
            {metrics.commandsPerSecond.toFixed(2)} commands/s over the last hour, {(metrics.failureRate * 100).toFixed(1)}% failed, {metrics.samples} {metrics.samples === 1 ? 'sample' : 'samples'}.
          </p>
          <div class="charts">
            <LineChart title="Command rate" series={rate} testId="rate-chart" />
            <LineChart title="Command latency (worst type)" series={latency} unit=" ms" testId="latency-chart" />
          </div>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Command</th>
                  <th scope="col">Count</th>
                  <th scope="col">Failures</th>
                  <th scope="col">p50</th>
                  <th scope="col">p95</th>
                  <th scope="col">p99</th>
                </tr>
              </thead>
              <tbody>
                {metrics.commands.map((c) => (
                  <tr key={c.commandType}>
                    <td>{c.commandType}</td>
                    <td>{c.count}</td>
                    <td>{c.failures}</td>
                    <td>{c.p50.toFixed(1)} ms</td>
                    <td>{c.p95.toFixed(1)} ms</td>
                    <td>{c.p99.toFixed(1)} ms</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p class="hint">No metrics sampled yet.</p>
      )}
    </section>
  );
}

type Entry = WebConfigurationQuery['configuration'][number];

function Configuration(props: { entries: Entry[]; reload: () => void }) {
  const [key, setKey] = useState<string>('game.startingGold');
  const entry = props.entries.find((e) => e.key === key) ?? props.entries[0] ?? null;
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [expected, setExpected] = useState(0);
  const [fields, setFields] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [history, setHistory] = useState<WebConfigurationHistoryQuery['configurationHistory']['edges']>([]);
  const loadedFor = useRef<string | null>(null);

  const loadHistory = async (k: string) => {
    const { data } = await query(WebConfigurationHistoryDocument, { key: k });
    setHistory(data?.configurationHistory.edges ?? []);
  };
  // Picking a setting loads its value and the version the edit is based on.
  useEffect(() => {
    if (!entry) return;
    const loaded = `${entry.key}@${entry.version}`;
    if (loadedFor.current === loaded) return;
    const sameKey = loadedFor.current?.startsWith(`${entry.key}@`) ?? false;
    loadedFor.current = loaded;
    setValue(JSON.stringify(entry.value, null, 2));
    setExpected(entry.version);
    if (!sameKey) {
      setFields({});
      setMessage(null);
    }
    void loadHistory(entry.key);
  }, [entry?.key, entry?.version]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!entry) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      setFields({ value: `Not valid JSON: ${(error as Error).message}` });
      return;
    }
    const { data, error } = await mutation(WebUpdateConfigurationDocument, { input: { key: entry.key, value: parsed, expectedVersion: expected, reason: reason || null, idempotencyKey: newKey() } });
    const result = data?.updateConfiguration;
    if (result?.__typename === 'UpdateConfigurationSuccess') {
      setFields({});
      setExpected(result.configuration.version);
      loadedFor.current = `${result.configuration.key}@${result.configuration.version}`;
      setMessage({ kind: 'success', text: `${result.configuration.key} is now ${JSON.stringify(result.configuration.value)} (version ${result.configuration.version}).` });
      props.reload();
      void loadHistory(entry.key);
    } else if (result?.__typename === 'ValidationError') {
      setFields(byField(result.fieldErrors));
      setMessage(result.fieldErrors.length ? null : { kind: 'error', text: result.message });
    } else if (result?.__typename === 'ConflictError') {
      setFields({});
      setMessage({ kind: 'error', text: `Someone else changed ${entry.key} meanwhile (you edited version ${result.expectedVersion ?? '?'}, it is now ${result.actualVersion ?? '?'}). Reload it and apply your change again.` });
    } else setMessage({ kind: 'error', text: result?.message ?? error ?? 'no answer' });
  };
  const reloadEntry = () => {
    setMessage(null);
    props.reload();
  };

  return (
    <section class="card" aria-labelledby="config-title" id="configuration">
      <h2 id="config-title">Runtime configuration</h2>
      <div class="columns">
        <div class="table-wrap">
          <table data-testid="configuration">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Value</th>
                <th scope="col">v</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => (
                <tr class={e.key === entry?.key ? 'me' : undefined} key={e.key}>
                  <td>
                    <button type="button" class="link" onClick={() => setKey(e.key)} aria-pressed={e.key === entry?.key}>
                      {e.key}
                    </button>
                  </td>
                  <td class="mono">{JSON.stringify(e.value)}</td>
                  <td>{e.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {entry ? (
          <form onSubmit={submit} data-testid="config-editor">
            <h3>{entry.key}</h3>
            {entry.description ? <p class="hint">{entry.description}</p> : null}
            <p class="hint">
              Default {JSON.stringify(entry.defaultValue)}; editing version {expected}.
            </p>
            <Field id="config-value" label="Value (JSON)" error={fields.value}>
              {(aria) => <textarea {...aria} class="mono" rows={3} value={value} onInput={(e) => setValue(e.currentTarget.value)} />}
            </Field>
            <Field id="config-reason" label="Reason (kept in the audit trail)" error={fields.reason}>
              {(aria) => <input {...aria} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
            </Field>
            {message ? <Notice kind={message.kind} testId="config-message">{message.text}</Notice> : null}
            <div class="actions">
              <button type="submit" class="primary">
                Save
              </button>
              <button type="button" onClick={reloadEntry}>
                Reload
              </button>
            </div>
            <h3>History</h3>
            {history.length === 0 ? (
              <p class="hint">Never changed.</p>
            ) : (
              <ul class="history">
                {history.map(({ node: h }) => (
                  <li key={h.version}>
                    v{h.version}: {JSON.stringify(h.previousValue)} → <strong>{JSON.stringify(h.value)}</strong> · {formatTime(h.at)}
                    {h.reason ? ` · ${h.reason}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </form>
        ) : null}
      </div>
    </section>
  );
}

/** A report's content as tables: arrays of objects become tables, other values a key/value list. */
function ReportContent(props: { content: unknown }) {
  const content = props.content;
  if (Array.isArray(content) && content.every((r) => typeof r === 'object' && r !== null)) {
    const rows = content as Record<string, unknown>[];
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return (
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col">{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                {columns.map((c) => (
                  <td>{typeof r[c] === 'object' ? JSON.stringify(r[c]) : String(r[c] ?? '')}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  if (typeof content === 'object' && content !== null) {
    return (
      <dl class="kv">
        {Object.entries(content).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{Array.isArray(v) || (typeof v === 'object' && v !== null) ? <ReportContent content={v} /> : String(v)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <span>{String(content)}</span>;
}

const REPORT_KINDS: ReportKind[] = ['GAMES', 'WIN_RATES', 'TOWERS', 'ACTIVE_USERS', 'COMMAND_LATENCY'];

function Reports() {
  const [reports, setReports] = useState<WebReportsQuery['reports']['edges']>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [kind, setKind] = useState<ReportKind>('GAMES');
  const [hours, setHours] = useState(24);
  const [message, setMessage] = useState<string | null>(null);
  const load = async () => {
    const { data, error } = await query(WebReportsDocument, {});
    setReports(data?.reports.edges ?? []);
    if (error) setMessage(error);
  };
  useEffect(() => void load(), []);
  const generate = async (event: Event) => {
    event.preventDefault();
    const to = new Date(Date.now() + 60_000);
    const from = new Date(to.getTime() - hours * 3_600_000);
    const { data, error } = await mutation(WebGenerateReportDocument, { input: { kind, from: from.toISOString(), to: to.toISOString(), idempotencyKey: newKey() } });
    const result = data?.generateReport;
    if (result?.__typename === 'GenerateReportSuccess') {
      setMessage(null);
      setOpen(result.report.id);
      await load();
    } else setMessage(result?.message ?? error);
  };
  const shown = reports.find((r) => r.node.id === open)?.node ?? null;
  return (
    <section class="card" aria-labelledby="reports-title" id="reports">
      <h2 id="reports-title">Reports</h2>
      <form class="row" onSubmit={generate}>
        <Field id="report-kind" label="Kind">
          {(aria) => (
            <select {...aria} value={kind} onChange={(e) => setKind(e.currentTarget.value as ReportKind)}>
              {REPORT_KINDS.map((k) => (
                <option value={k}>{k.toLowerCase().replace('_', ' ')}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="report-hours" label="Last">
          {(aria) => (
            <select {...aria} value={String(hours)} onChange={(e) => setHours(Number(e.currentTarget.value))}>
              <option value="1">hour</option>
              <option value="24">day</option>
              <option value="168">week</option>
            </select>
          )}
        </Field>
        <button type="submit" class="primary">
          Generate
        </button>
      </form>
      {message ? <Notice kind="error">{message}</Notice> : null}
      <ul class="reports">
        {reports.map(({ node: r }) => (
          <li key={r.id}>
            <button type="button" class="link" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>
              {r.kind.toLowerCase().replace('_', ' ')} · {formatTime(r.createdAt)}
            </button>
          </li>
        ))}
      </ul>
      {shown ? (
        <div class="report-content" data-testid="report-content">
          <ReportContent content={shown.content} />
        </div>
      ) : null}
    </section>
  );
}

const TASKS: MaintenanceTask[] = ['SNAPSHOT_AGGREGATES', 'REBUILD_PROJECTION', 'RESET_PROJECTION', 'RETRY_DEAD_LETTERS', 'SKIP_DEAD_LETTERS', 'COMPACT_EVENTS', 'APPLY_RETENTION', 'TRIM_PARTITION_LOGS'];

function Maintenance() {
  const [task, setTask] = useState<MaintenanceTask>('SNAPSHOT_AGGREGATES');
  const [target, setTarget] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [result, setResult] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [runs, setRuns] = useState<WebMaintenanceRunsQuery['maintenanceRuns']['edges']>([]);
  const load = async () => setRuns((await query(WebMaintenanceRunsDocument, {})).data?.maintenanceRuns.edges ?? []);
  useEffect(() => void load(), []);
  const run = async (event: Event) => {
    event.preventDefault();
    const { data, error } = await mutation(WebPerformMaintenanceDocument, { input: { task, target: target || null, idempotencyKey: newKey() } });
    const outcome = data?.performMaintenance;
    if (outcome?.__typename === 'PerformMaintenanceSuccess') {
      setFields({});
      setResult({ kind: 'success', text: JSON.stringify(outcome.result) });
      void load();
    } else {
      setFields(outcome?.__typename === 'ValidationError' ? byField(outcome.fieldErrors) : {});
      setResult({ kind: 'error', text: outcome?.message ?? error ?? 'no answer' });
    }
  };
  return (
    <section class="card" aria-labelledby="maintenance-title" id="maintenance">
      <h2 id="maintenance-title">Maintenance</h2>
      <form class="row" onSubmit={run}>
        <Field id="maintenance-task" label="Task" error={fields.task}>
          {(aria) => (
            <select {...aria} value={task} onChange={(e) => setTask(e.currentTarget.value as MaintenanceTask)}>
              {TASKS.map((t) => (
                <option value={t}>{t.toLowerCase().replace(/_/g, ' ')}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="maintenance-target" label="Target (projection or aggregate type)" error={fields.target}>
          {(aria) => <input {...aria} value={target} onInput={(e) => setTarget(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="primary">
          Run
        </button>
      </form>
      {result ? <Notice kind={result.kind}>{result.text}</Notice> : null}
      <ul class="history">
        {runs.map(({ node: r }) => (
          <li key={r.id}>
            {r.task.toLowerCase().replace(/_/g, ' ')}
            {r.target ? ` (${r.target})` : ''} · {formatTime(r.at)} · <span class="mono small">{JSON.stringify(r.result).slice(0, 120)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OpsPage() {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const load = async () => {
    const { data, error, code } = await query(WebConfigurationDocument, {});
    if (data) {
      setEntries(data.configuration);
      setRefused(null);
    } else setRefused(code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' ? `Operations are for administrators only. The server refused: ${error?.replace(/^Not allowed: /, '') ?? code}` : (error ?? 'Could not load'));
  };
  useEffect(() => void load(), []);
  if (refused)
    return (
      <section aria-labelledby="ops-title">
        <h1 id="ops-title">Operations</h1>
        <Notice kind="error" testId="ops-refused">
          {refused}
        </Notice>
      </section>
    );
  if (!entries) return <p class="loading">Loading operations…</p>;
  return (
    <section class="ops" aria-labelledby="ops-title">
      <h1 id="ops-title">Operations</h1>
      <nav class="subnav" aria-label="Operations">
        <a href="#/ops" onClick={(e) => (e.preventDefault(), document.getElementById('projections')?.scrollIntoView())}>Projections</a>
        <a href="#/ops" onClick={(e) => (e.preventDefault(), document.getElementById('metrics')?.scrollIntoView())}>Commands</a>
        <a href="#/ops" onClick={(e) => (e.preventDefault(), document.getElementById('configuration')?.scrollIntoView())}>Configuration</a>
        <a href="#/ops" onClick={(e) => (e.preventDefault(), document.getElementById('reports')?.scrollIntoView())}>Reports</a>
        <a href="#/ops" onClick={(e) => (e.preventDefault(), document.getElementById('maintenance')?.scrollIntoView())}>Maintenance</a>
      </nav>
      <Projections />
      <Metrics />
      <Configuration entries={entries} reload={() => void load()} />
      <Reports />
      <Maintenance />
    </section>
  );
}

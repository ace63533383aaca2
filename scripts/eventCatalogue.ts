/**
 * Generates docs/events.md, the event catalogue, from the code itself:
 * - which events each aggregate emits: the event union `E` of every exported
 *   `AggregateDefinition<S, C, E>` in src/<context>/commands.ts, read with the TypeScript checker,
 *   with each event's data fields (name, type, optional, doc comment);
 * - the aggregate type name, storage and current schema versions: the definitions themselves and
 *   configs/cqrs.yaml, imported at run time;
 * - which older versions are still read: the upcasters the composition root registers.
 *
 * `npm run docs:events` writes the file; test/docs/eventCatalogue.unit.spec.ts fails when the
 * committed file differs from what this produces.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONTEXTS = ['auth', 'game', 'ops'] as const;
export const CATALOGUE = join(root, 'docs/events.md');

interface FieldDoc {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly doc: string;
}
interface EventDoc {
  readonly type: string;
  readonly doc: string;
  readonly fields: readonly FieldDoc[];
}
interface AggregateDoc {
  readonly context: string;
  readonly variable: string;
  readonly events: readonly EventDoc[];
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
const cell = (text: string) => oneLine(text).replace(/\|/g, '\\|');

/** Statically: every exported `AggregateDefinition<S, C, E>` constant and the events of its `E`. */
function readAggregates(): AggregateDoc[] {
  const files = CONTEXTS.map((c) => join(root, 'src', c, 'commands.ts'));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const format = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;
  const docOf = (symbol: ts.Symbol | undefined) => (symbol ? oneLine(ts.displayPartsToString(symbol.getDocumentationComment(checker))) : '');

  const aggregates: AggregateDoc[] = [];
  CONTEXTS.forEach((context, i) => {
    const source = program.getSourceFile(files[i]!);
    if (!source) throw new Error(`cannot read ${files[i]}`);
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const annotation = declaration.type;
        if (!annotation || !ts.isTypeReferenceNode(annotation) || annotation.typeName.getText(source) !== 'AggregateDefinition') continue;
        const eventsNode = annotation.typeArguments?.[2];
        if (!eventsNode) throw new Error(`${declaration.name.getText(source)}: AggregateDefinition without its event type`);
        const union = checker.getTypeFromTypeNode(eventsNode);
        const members = union.isUnion() ? union.types : [union];
        const events = members.map((member): EventDoc => {
          const typeProperty = member.getProperty('type');
          const dataProperty = member.getProperty('data');
          if (!typeProperty || !dataProperty) throw new Error(`${checker.typeToString(member)} is not an Event`);
          const literal = checker.getTypeOfSymbol(typeProperty);
          if (!literal.isStringLiteral()) throw new Error(`${checker.typeToString(member)}: event type is not a string literal`);
          const data = checker.getTypeOfSymbol(dataProperty);
          const fields = data.getProperties().map((property) => {
            const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
            const type = checker.getNonNullableType(checker.getTypeOfSymbol(property));
            return { name: property.name, type: checker.typeToString(type, undefined, format), optional, doc: docOf(property) };
          });
          return { type: literal.value, doc: docOf(member.aliasSymbol), fields };
        });
        events.sort((a, b) => a.type.localeCompare(b.type));
        aggregates.push({ context, variable: declaration.name.getText(source), events });
      }
    }
  });
  return aggregates;
}

interface RuntimeDefinition {
  readonly type: string;
  readonly schemaVersions?: Readonly<Record<string, number>>;
}

/** The catalogue's Markdown, from the code as it is now. */
export async function generateEventCatalogue(): Promise<string> {
  const aggregates = readAggregates();
  const modules = Object.fromEntries(
    await Promise.all(CONTEXTS.map(async (c) => [c, (await import(pathToFileURL(join(root, 'src', c, 'commands.ts')).href)) as Record<string, RuntimeDefinition>] as const)),
  );
  const { loadConfig, aggregateConfig } = await import(pathToFileURL(join(root, 'src/config.ts')).href);
  const config = loadConfig({ env: {} });
  const { gameUpcasts } = (await import(pathToFileURL(join(root, 'src/game/upcasters.ts')).href)) as { gameUpcasts: readonly { eventType: string; fromSchemaVersion: number }[] };
  const upcastFrom = new Map<string, number[]>();
  for (const step of gameUpcasts) upcastFrom.set(step.eventType, [...(upcastFrom.get(step.eventType) ?? []), step.fromSchemaVersion].sort());

  const resolved = aggregates
    .map((a) => {
      const definition = modules[a.context]![a.variable];
      if (!definition || typeof definition.type !== 'string') throw new Error(`${a.context}/commands.ts ${a.variable} is not an aggregate definition at run time`);
      return { ...a, definition, storage: (aggregateConfig(config, definition.type) as { storage: string }).storage };
    })
    .sort((a, b) => a.context.localeCompare(b.context) || a.definition.type.localeCompare(b.definition.type));

  const total = resolved.reduce((n, a) => n + a.events.length, 0);
  const lines: string[] = [
    '# Event catalogue',
    '',
    '<!-- Generated by `npm run docs:events` (scripts/eventCatalogue.ts) from the code; do not edit by hand.',
    '     test/docs/eventCatalogue.unit.spec.ts fails when this file is stale. -->',
    '',
    `Every event the server stores: ${total} event types from ${resolved.length} aggregates. An event's`,
    '`data` holds the fields below; its envelope (`eventId`, `schemaVersion`, `aggregateType`,',
    '`aggregateId`, `aggregateVersion`, `metadata` with `correlationId`, `causationId`, `userId`,',
    '`timestamp`, `createdAt`, `checksum`) is the same for all (SPEC §3). **Version** is the schema',
    'version new events are written with; older versions listed there are still read, through an',
    'upcaster ([evolution.md](evolution.md)). State-based aggregates keep no stream of their own:',
    'their events only feed the partition logs (projections, process managers, subscriptions).',
    '',
    '| aggregate | context | storage | events |',
    '|---|---|---|---|',
    ...resolved.map((a) => `| \`${a.definition.type}\` | ${a.context} | ${a.storage} | ${a.events.map((e) => `[${e.type}](#${e.type.toLowerCase()})`).join(', ')} |`),
  ];
  for (const a of resolved) {
    lines.push('', `## \`${a.definition.type}\` (${a.context}, ${a.storage})`);
    for (const e of a.events) {
      const version = a.definition.schemaVersions?.[e.type] ?? 1;
      const older = upcastFrom.get(e.type) ?? [];
      lines.push('', `### ${e.type}`, '', `Version **${version}**${older.length ? ` (also reads ${older.map((v) => `v${v}`).join(', ')}, upcast)` : ''} · emitted by \`${a.definition.type}\``);
      if (e.doc) lines.push('', e.doc);
      lines.push('', '| field | type | notes |', '|---|---|---|');
      for (const f of e.fields) lines.push(`| \`${f.name}\`${f.optional ? ' (optional)' : ''} | \`${cell(f.type)}\` | ${cell(f.doc)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(CATALOGUE, await generateEventCatalogue());
  console.log(`${CATALOGUE} written`);
}

/**
 * Fan-out once per event: subscribers of the same live event with the same document (and the same
 * values of the variables that shape the selection) share ONE execution of the selection. The
 * live fan-out (liveFanOut.ts) hands every local follower the same event object, so the results
 * are memoized per event object (a WeakMap: they go when the event goes) and per share key.
 *
 * Only root fields that opt in with `extensions: { sharedExecution: true }` are shared: their
 * payload's selection must not depend on the caller (no viewer in any resolver below them), since
 * the first subscriber's context runs it. The root field's own arguments only choose the stream
 * (`sessionId`, `afterVersion`), so they are not part of the key.
 */
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  Kind,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

interface Plan {
  readonly id: number;
  /** Variables used below the root field (they shape each result). */
  readonly variables: readonly string[];
}

let plans = 0;
const planCache = new WeakMap<DocumentNode, Map<string, Plan | null>>();

const variablesIn = (node: Parameters<typeof visit>[0]): string[] => {
  const names: string[] = [];
  visit(node, {
    VariableDefinition: () => false, // a definition is not a use
    Variable: (v) => void names.push(v.name.value),
  });
  return names;
};

const planFor = (args: ExecutionArgs): Plan | null => {
  const { document, operationName, schema } = args;
  let byName = planCache.get(document);
  if (!byName) planCache.set(document, (byName = new Map()));
  const cached = byName.get(operationName ?? '');
  if (cached !== undefined) return cached;
  let plan: Plan | null = null;
  const operation = getOperationAST(document, operationName);
  const [root, ...more] = operation?.operation === 'subscription' ? operation.selectionSet.selections : [];
  const field = root?.kind === Kind.FIELD && more.length === 0 ? (root as FieldNode) : null;
  const definition = field ? schema.getSubscriptionType()?.getFields()[field.name.value] : undefined;
  if (field && definition?.extensions?.sharedExecution === true && !field.directives?.length) {
    // A variable counts if it is used anywhere but in the root field's own arguments.
    const inRootArguments = variablesIn({ ...field, selectionSet: undefined, directives: [] });
    const everywhere = variablesIn(document);
    const shaping = [...new Set(everywhere)].filter((name) => everywhere.filter((n) => n === name).length > inRootArguments.filter((n) => n === name).length);
    plan = { id: ++plans, variables: shaping.sort() };
  }
  byName.set(operationName ?? '', plan);
  return plan;
};

const MISSING = '\u0000';
const shareKey = (plan: Plan, variables: ExecutionArgs['variableValues']): string =>
  `${plan.id}:${JSON.stringify(plan.variables.map((name) => (variables && name in variables ? variables[name] : MISSING)))}`;

type Result = ExecutionResult | Promise<ExecutionResult>;
const results = new WeakMap<object, Map<string, Result>>();

const executeShared = (args: ExecutionArgs, payload: unknown, key: string): Result => {
  if (typeof payload !== 'object' || payload === null) return execute({ ...args, rootValue: payload });
  let byKey = results.get(payload);
  if (!byKey) results.set(payload, (byKey = new Map()));
  let result = byKey.get(key);
  if (!result) {
    result = execute({ ...args, rootValue: payload });
    byKey.set(key, result);
  }
  return result;
};

/** Maps a source stream; return() reaches the source at once (it ends the live follower). */
const mapStream = <T, R>(source: AsyncIterator<T>, map: (value: T) => R | Promise<R>): AsyncIterableIterator<R> => {
  const stream: AsyncIterableIterator<R> = {
    async next() {
      const next = await source.next();
      return next.done ? { done: true, value: undefined } : { done: false, value: await map(next.value) };
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(error) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => stream,
  };
  return stream;
};

export const sharedExecutionPlugin = (): Plugin => ({
  onSubscribe({ args, setSubscribeFn }) {
    const plan = planFor(args);
    if (!plan) return;
    setSubscribeFn(async (subscribeArgs) => {
      const source = await createSourceEventStream(subscribeArgs);
      if (!(Symbol.asyncIterator in source)) return source;
      const key = shareKey(plan, subscribeArgs.variableValues);
      // Each subscriber gets its own (shallow) result object: plugins downstream may replace parts.
      return mapStream(source[Symbol.asyncIterator](), async (payload) => ({ ...(await executeShared(subscribeArgs, payload, key)) }));
    });
  },
});

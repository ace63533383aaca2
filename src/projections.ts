/**
 * Every durable consumer of the partition logs: read-model projections and process managers.
 * The API process (by default) and the standalone worker (worker.ts) run the same list.
 */
import type { Config } from './config.js';
import type { Dispatcher } from './core/dispatcher.js';
import type { EventHandler, Projection } from './core/projection.js';
import { authProjection } from './auth/projections.js';
import { gameProcessManagers } from './game/processManagers.js';
import { gameProjection } from './game/projections.js';
import { opsProjections } from './ops/index.js';

export const readModelProjections = (config: Config): Projection[] => [authProjection, gameProjection, ...opsProjections(config)];

export const registeredProjections = (config: Config, dispatcher: Dispatcher): ReadonlyArray<Projection | EventHandler> => [
  ...readModelProjections(config),
  ...gameProcessManagers(dispatcher),
];

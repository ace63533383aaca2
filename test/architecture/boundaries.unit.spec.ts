/**
 * The architecture rules are lint rules (eslint.config.js); this proves they bite. Each case
 * lints a one-line module placed where it would live and expects `no-restricted-imports`.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

const restrictedIn = async (file: string, source: string): Promise<string[]> => {
  const [result] = await eslint.lintText(source, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

describe('import boundaries', () => {
  it.each([
    ['src/game/anything.ts', "import { USERS } from '../auth/projections.js';\nexport const x = USERS;"],
    ['src/auth/anything.ts', "import { gameCommands } from '../game/commands.js';\nexport const x = gameCommands;"],
    ['src/ops/anything.ts', "import { GAME_SESSIONS } from '../game/projections.js';\nexport const x = GAME_SESSIONS;"],
    ['src/ops/anything.ts', "import { createKeys } from '../infrastructure/redis/keys.js';\nexport const x = createKeys;"],
    ['src/game/domain/anything.ts', "import type { Role } from '../../auth/domain/user.js';\nexport type X = Role;"],
    ['src/infrastructure/memory/anything.ts', "import { createKeys } from '../redis/keys.js';\nexport const x = createKeys;"],
    ['src/infrastructure/redis/anything.ts', "import { GAME_SESSIONS } from '../../game/projections.js';\nexport const x = GAME_SESSIONS;"],
    ['src/core/anything.ts', "import type { Config } from '../config.js';\nexport type X = Config;"],
    ['src/core/anything.ts', "import { Redis } from 'ioredis';\nexport const x = Redis;"],
    ['src/graphql/anything.ts', "import { opsCommands } from '../ops/commands.js';\nexport const x = opsCommands;"],
  ])(
    '%s may not import what it does',
    async (file, source) => {
      expect(await restrictedIn(file, source)).not.toEqual([]);
    },
    // The first case loads ESLint and typescript-eslint: seconds on a loaded machine.
    60_000,
  );

  it.each([
    ['src/game/anything.ts', "import { builder } from '../graphql/builder.js';\nexport const x = builder;"],
    ['src/game/anything.ts', "import type { ReadStore } from '../core/ports.js';\nexport type X = ReadStore;"],
    ['src/infrastructure/redis/anything.ts', "import type { EventStore } from '../../core/ports.js';\nexport type X = EventStore;"],
    ['src/compose.ts', "import { USERS } from './auth/projections.js';\nexport const x = USERS;"],
  ])('%s may import downwards', async (file, source) => {
    expect(await restrictedIn(file, source)).toEqual([]);
  }, 60_000);
});

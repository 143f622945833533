import { createLogger, REPO_ROOT, startTracing, subgraphEnvironment } from '@hsg/core';
import { DamagedDatabase } from '../persistence/database-health';
import { SchemaTooNew } from '../persistence/migrations';
import { startSubgraph, type SubgraphDefinition } from './subgraph';

/**
 * The body of every subgraph's index.ts: read and check the environment, start the server, and
 * stop cleanly on SIGTERM / SIGINT. A bad variable or bad seed data ends the process with a
 * message saying what to fix.
 */
export async function runSubgraph<C extends object>(def: SubgraphDefinition<C>): Promise<void> {
  let env;
  try {
    env = subgraphEnvironment(def.name, process.env, REPO_ROOT);
  } catch (e) {
    console.error(`[${def.name}] ${(e as Error).message}`);
    process.exit(2);
  }
  const logger = createLogger(def.name, env.logLevel, env.logMaxFieldChars, env.logFormat);
  try {
    const tracing = await startTracing(def.name, env.tracing);
    const running = await startSubgraph(def, { ...env, logger });
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      running
        .stop()
        .then(() => tracing?.shutdown())
        .then(
          () => process.exit(0),
          (e) => {
            logger.error({ err: e }, 'error while stopping');
            process.exit(1);
          },
        );
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
  } catch (e) {
    console.error(`[${def.name}] could not start: ${(e as Error).message}`);
    // 2, like a bad variable: neither a damaged file nor a newer schema is mended by restarting
    // (the supervisor leaves it down until someone acts).
    process.exit(e instanceof DamagedDatabase || e instanceof SchemaTooNew ? 2 : 1);
  }
}

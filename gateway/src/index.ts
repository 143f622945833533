import { createLogger, gatewayEnvironment, startTracing } from '@hsg/core';
import { startGateway } from './server';

/** Reads and checks the environment, starts the gateway, stops cleanly on SIGTERM / SIGINT. */
async function main() {
  let env;
  try {
    env = gatewayEnvironment(process.env);
  } catch (e) {
    console.error(`[gateway] ${(e as Error).message}`);
    process.exit(2);
  }
  const logger = createLogger('gateway', env.logLevel, env.logMaxFieldChars, env.logFormat);
  try {
    const tracing = await startTracing('gateway', env.tracing);
    const running = await startGateway({ ...env, logger });
    let stopping = false;
    const shutdown = () => {
      if (stopping) return;
      stopping = true;
      running
        .stop()
        .then(() => tracing?.shutdown())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    };
    process.on('SIGTERM', shutdown);
    process.on('SIGINT', shutdown);
  } catch (e) {
    console.error(`[gateway] could not start: ${(e as Error).message}`);
    process.exit(1);
  }
}

void main();

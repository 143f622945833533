import { EnvironmentError, gatewayEnvironment, subgraphEnvironment } from '../src';

test('the environment is validated with a message naming the variable', () => {
  expect(gatewayEnvironment({}).port).toBe(4000);
  expect(gatewayEnvironment({ PORT: '8080' }).port).toBe(8080);
  expect(() => gatewayEnvironment({ PORT: 'eighty' })).toThrow(EnvironmentError);
  expect(() => gatewayEnvironment({ PORT: '70000' })).toThrow(/PORT="70000": must be between 0 and 65535/);
  expect(() => gatewayEnvironment({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  expect(subgraphEnvironment('facilities', {}, '/repo')).toMatchObject({ port: 4002, dataDir: '/repo/data', seedsDir: '/repo/seeds' });
  expect(() => subgraphEnvironment('regions', { DATABASE_URL: 'mysql://x' }, '/repo')).toThrow(/DATABASE_URL/);
});

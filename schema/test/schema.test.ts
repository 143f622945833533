import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeFromCode, SCHEMA_DIR, schemaFiles } from '../src/compose';

test('the committed schema/*.graphql files are what `npm run compose` produces', async () => {
  const files = schemaFiles(await composeFromCode());
  for (const [file, text] of Object.entries(files)) {
    const committed = readFileSync(path.join(SCHEMA_DIR, file), 'utf8');
    // A mismatch means the subgraphs changed: run `npm run compose` and commit schema/.
    expect({ file, text: committed }).toEqual({ file, text });
  }
});

test('every type and field of the public API has a description', async () => {
  const { api } = await composeFromCode();
  const { buildSchema, isObjectType, isInputObjectType } = await import('graphql');
  const schema = buildSchema(api);
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (!type.description && !['String', 'Boolean', 'Int', 'Float', 'ID', 'Query', 'Mutation', 'Subscription'].includes(type.name))
      missing.push(type.name);
    if (isObjectType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
    }
  }
  expect(missing).toEqual([]);
});

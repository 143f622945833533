import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { postGraphQL } from '@hsg/core';
import { GraphQLError, Kind, parse, type TypeNode } from 'graphql';
import { EXPORT_FORMATS, formatRows, type ExportFormat } from './export/format';
import { toRows } from './export/rows';

const USAGE = `Usage: npm run -s query -- <file.graphql> [--var name=value ...] [--format csv|json] [--out file] [--url gateway-url]

Runs the query against a running gateway (default ${'$'}GATEWAY_URL or http://127.0.0.1:4000/graphql)
and writes the longest list in the result as rows: one per item, nested fields as dotted columns,
as CSV (the default) or JSON.
A String or ID --var is taken as text (--var district=440115); others are read as JSON
(--var first=5, --var 'status=["PLANNED"]').`;

class UsageError extends Error {}

/**
 * `name=value` pairs into variables, typed by the operation's own declarations: a String or ID
 * variable takes the text as is (so --var district=440115 stays an id), anything else is read as
 * JSON (--var first=5, --var 'status=["PLANNED"]').
 */
export function parseVariables(query: string, pairs: string[]): Record<string, unknown> {
  const declared = new Map<string, TypeNode>();
  for (const def of parse(query).definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION) for (const v of def.variableDefinitions ?? []) declared.set(v.variable.name.value, v.type);
  }
  const variables: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageError(`--var must look like name=value, not "${pair}".`);
    const name = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    let type = declared.get(name);
    if (!type)
      throw new UsageError(
        `The query declares no $${name}; it declares ${[...declared.keys()].map((k) => `$${k}`).join(', ') || 'no variables'}.`,
      );
    if (type.kind === Kind.NON_NULL_TYPE) type = type.type;
    if (type.kind === Kind.NAMED_TYPE && ['String', 'ID'].includes(type.name.value)) variables[name] = raw;
    else {
      try {
        variables[name] = JSON.parse(raw);
      } catch {
        // An enum value or other bare word: send it as text and let the gateway's validation judge it.
        variables[name] = raw;
      }
    }
  }
  return variables;
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        var: { type: 'string', multiple: true, default: [] },
        format: { type: 'string', default: 'csv' },
        out: { type: 'string' },
        url: { type: 'string', default: process.env.GATEWAY_URL || 'http://127.0.0.1:4000/graphql' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (args.values.help) {
      console.log(USAGE);
      return 0;
    }
    if (args.positionals.length !== 1) throw new UsageError('Give exactly one .graphql file.');
    if (!EXPORT_FORMATS.includes(args.values.format as ExportFormat))
      throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}.`);
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }

  const file = args.positionals[0];
  let query: string;
  let variables: Record<string, unknown>;
  try {
    query = readFileSync(file, 'utf8');
    variables = parseVariables(query, args.values.var as string[]);
  } catch (e) {
    const message =
      e instanceof UsageError
        ? e.message
        : e instanceof GraphQLError
          ? `${file}: ${e.message}`
          : `Cannot read ${file}: ${(e as Error).message}`;
    console.error(message);
    return 2;
  }

  let result;
  try {
    result = await postGraphQL(args.values.url as string, query, variables);
  } catch (e) {
    console.error(`No gateway answered at ${args.values.url}: ${(e as Error).message}. Start it with "npm start" or pass --url.`);
    return 1;
  }
  if (result.errors?.length || !result.data) {
    for (const err of result.errors ?? []) console.error(`${err.extensions?.code ?? 'ERROR'}: ${err.message}`);
    if (!result.errors?.length) console.error('The query returned no data.');
    return 1;
  }
  const output = formatRows(toRows(result.data), args.values.format as ExportFormat);
  if (args.values.out) writeFileSync(args.values.out, output);
  else process.stdout.write(output);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

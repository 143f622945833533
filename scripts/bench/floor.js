#!/usr/bin/env node
// The benchmark's floor (part of `npm run bench`, not of the product): the bench's queries
// answered by one plain graphql-js + DataLoader process over the same SQLite files the subgraphs
// serve, behind a bare node:http server. What the federated graph costs is its distance from this.
// Only the fields the bench's queries select are resolved; bench.js checks once that every answer
// equals the gateway's. Env: PORT, DATA_DIR (the subgraphs' SQLite files).
'use strict';
const { createServer } = require('node:http');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { buildSchema, parse, validate, execute } = require('graphql');
const DataLoader = require('dataloader');
const sqlite3 = require('sqlite3');

const root = path.resolve(__dirname, '..', '..');
const dataDir = process.env.DATA_DIR;
const open = (name) => new sqlite3.Database(path.join(dataDir, `${name}.sqlite`), sqlite3.OPEN_READONLY);
const db = { regions: open('regions'), facilities: open('facilities'), officials: open('officials') };
const all = (conn, sql, params = []) =>
  new Promise((resolve, reject) => conn.all(sql, params, (e, rows) => (e ? reject(e) : resolve(rows))));
const marks = (n) => Array.from({ length: n }, () => '?').join(',');

/** The same "within region X" rule as packages/framework/src/region-scope/ (divisions only: the bench asks no named area). */
// A province, prefecture or county (6 digits) holds every division below it, townships (9 digits) included.
const prefixOf = (id) => (!/^\d{6}$/.test(id) ? id : id.endsWith('0000') ? id.slice(0, 2) : id.endsWith('00') ? id.slice(0, 4) : id);
const within = (column, id) => (/^\d{6}$/.test(id) ? [`${column} LIKE ?`, `${prefixOf(id)}%`] : [`${column} = ?`, id]);
const contains = (id, row) => !!row && (row === id || (/^\d{6}$/.test(id) && /^\d{6}(\d{3})?$/.test(row) && row.startsWith(prefixOf(id))));

function byId(conn, table) {
  return new DataLoader(async (ids) => {
    const rows = await all(conn, `SELECT * FROM "${table}" WHERE id IN (${marks(ids.length)})`, ids);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

function byParent(conn, table, column) {
  return new DataLoader(async (ids) => {
    const rows = await all(conn, `SELECT * FROM "${table}" WHERE "${column}" IN (${marks(ids.length)}) ORDER BY id`, ids);
    return ids.map((id) => rows.filter((r) => r[column] === id));
  });
}

/** Rows of one table within each region of the batch, by one statement: `where`/`params` add the filter. */
function regionScoped(conn, sqlOf, regionColumn) {
  return new DataLoader(
    async (keys) => {
      const { regionIds, where, params, order } = sqlOf(keys);
      const scopes = regionIds.map((r) => within(regionColumn.sql, r));
      const sql = `${where} AND (${scopes.map((s) => s[0]).join(' OR ')}) ORDER BY ${order}`;
      const rows = await all(conn, sql, [...params, ...scopes.map((s) => s[1])]);
      return keys.map((k) => rows.filter((r) => contains(k.regionId, r[regionColumn.field])));
    },
    { cacheKeyFn: (k) => JSON.stringify(k) },
  );
}

function context() {
  const regionById = byId(db.regions, 'region');
  const facilityById = byId(db.facilities, 'facility');
  const projects = (status, kinds) =>
    regionScoped(
      db.facilities,
      (keys) => {
        const params = [];
        let where = 'SELECT * FROM project p WHERE 1=1';
        if (status?.length) {
          where += ` AND p.status IN (${marks(status.length)})`;
          params.push(...status);
        }
        if (kinds?.length) {
          const hosts = `SELECT hostId FROM designation WHERE kind IN (${marks(kinds.length)}) AND hostId IS NOT NULL`;
          where += ` AND p.facilityId IN (SELECT id FROM facility WHERE id IN (${hosts}) OR parentId IN (${hosts}))`;
          params.push(...kinds, ...kinds);
        }
        return { regionIds: keys.map((k) => k.regionId), where, params, order: 'p.id' };
      },
      { sql: 'p.regionId', field: 'regionId' },
    );
  const projectLoaders = new Map();
  return {
    regionById,
    facilityById,
    childrenOf: byParent(db.regions, 'region', 'parentId'),
    designationsOf: byParent(db.facilities, 'designation', 'hostId'),
    personById: byId(db.officials, 'person'),
    organizationById: byId(db.officials, 'organization'),
    projectsIn: (filter) => {
      const key = JSON.stringify(filter ?? {});
      if (!projectLoaders.has(key)) projectLoaders.set(key, projects(filter?.status, filter?.designationKinds));
      return projectLoaders.get(key);
    },
    facilitiesIn: regionScoped(
      db.facilities,
      (keys) => ({ regionIds: keys.map((k) => k.regionId), where: 'SELECT * FROM facility f WHERE 1=1', params: [], order: 'f.id' }),
      { sql: 'f.regionId', field: 'regionId' },
    ),
    headsIn: regionScoped(
      db.officials,
      (keys) => ({
        regionIds: keys.map((k) => k.regionId),
        where: 'SELECT p.*, o.regionId AS orgRegionId FROM post p JOIN organization o ON o.id = p.organizationId WHERE p.isHead = 1',
        params: [],
        order: 'p.asOf, p.id',
      }),
      { sql: 'o.regionId', field: 'orgRegionId' },
    ),
  };
}

const page = (rows, first) => ({ totalCount: rows.length, nodes: rows.slice(0, first ?? 20) });
const byDate = (reports) => [...reports].sort((a, b) => a.asOf.localeCompare(b.asOf));

async function descendants(region, ctx) {
  const found = [];
  let frontier = [region.id];
  for (let depth = 0; frontier.length && depth < 5; depth++) {
    const children = (await ctx.childrenOf.loadMany(frontier)).flat();
    found.push(...children);
    frontier = children.map((c) => c.id);
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

const resolvers = {
  Query: {
    region: (_, { id }, ctx) => ctx.regionById.load(id),
    designations: async (_, { filter, first }) => {
      const kinds = filter?.kinds ?? [];
      const where = kinds.length ? `WHERE kind IN (${marks(kinds.length)})` : '';
      return page(await all(db.facilities, `SELECT * FROM designation ${where} ORDER BY id`, kinds), first);
    },
  },
  Region: {
    projects: async (r, { filter, first }, ctx) => page(await ctx.projectsIn(filter).load({ regionId: r.id }), first),
    facilities: async (r, { first }, ctx) => page(await ctx.facilitiesIn.load({ regionId: r.id }), first),
    // Divisions only, as Region.children: the named areas placed in a region are its `areas`.
    children: async (r, _, ctx) => (await ctx.childrenOf.load(r.id)).filter((c) => c.level !== 'AREA'),
    descendants: async (r, { level, first }, ctx) =>
      page(
        (await descendants(r, ctx)).filter((d) => !level || d.level === level),
        first,
      ),
    officials: async (r, { first }, ctx) => page(await ctx.headsIn.load({ regionId: r.id }), first),
  },
  Project: {
    projectType: (p) => p.type,
    region: (p, _, ctx) => (p.regionId ? ctx.regionById.load(p.regionId) : null),
    facility: (p, _, ctx) => (p.facilityId ? ctx.facilityById.load(p.facilityId) : null),
    statusReports: (p) =>
      byDate(JSON.parse(p.statusReports)).flatMap(({ asOf, status, text, lines, quote }) =>
        lines && quote ? [{ asOf, status, text, citation: { lines, quote } }] : [],
      ),
  },
  Facility: {
    facilityType: (f) => f.type,
    parent: (f, _, ctx) => (f.parentId ? ctx.facilityById.load(f.parentId) : null),
    designations: (f, _, ctx) => ctx.designationsOf.load(f.id),
    region: (f, _, ctx) => (f.regionId ? ctx.regionById.load(f.regionId) : null),
  },
  Designation: { host: (d, _, ctx) => (d.hostId ? ctx.facilityById.load(d.hostId) : null) },
  Post: {
    titles: (p) => JSON.parse(p.titles),
    person: (p, _, ctx) => ctx.personById.load(p.personId),
    organization: (p, _, ctx) => ctx.organizationById.load(p.organizationId),
  },
};

// The public schema, so the floor validates every query as the gateway does.
const schema = buildSchema(readFileSync(path.join(root, 'schema', 'api.graphql'), 'utf8'));
for (const [typeName, fields] of Object.entries(resolvers)) {
  const type = schema.getType(typeName);
  for (const [name, resolve] of Object.entries(fields)) type.getFields()[name].resolve = resolve;
}

const documents = new Map();
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    let document = documents.get(query);
    if (!document) {
      document = parse(query);
      const errors = validate(schema, document);
      if (errors.length) {
        res.writeHead(400, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ errors }));
      }
      documents.set(query, document);
    }
    const result = await execute({ schema, document, variableValues: variables, operationName, contextValue: context() });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result));
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

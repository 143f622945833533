import { postGraphQL } from '@hsg/core';

import { requestStatements, startStack, type Stack } from './stack';

/**
 * `inferred` on every list filter, through the gateway over the real seeds: a researcher keeps
 * the facts a text states (`inferred: false`) or looks at what was read into the texts
 * (`inferred: true`); the two split every list, inside `and`/`or`/`not`, in nested lists and in
 * aggregates, each still one SQL statement.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 600_000);
afterAll(() => stack?.stop());

async function data(query: string) {
  const res = await postGraphQL(stack.gateway.url, query);
  expect(res.errors).toBeUndefined();
  return res.data;
}

describe("Guangzhou's projects, stated and inferred", () => {
  test('201 stated and 104 inferred make the 305', async () => {
    const d = await data(`{
      all: projects(filter: { regionId: "440100" }) { totalCount }
      stated: projects(filter: { regionId: "440100", inferred: false }) { totalCount }
      inferred: projects(filter: { regionId: "440100", inferred: true }, first: 100) { totalCount nodes { id inferred note } }
    }`);
    expect([d.all.totalCount, d.stated.totalCount, d.inferred.totalCount]).toEqual([305, 201, 104]);
    for (const p of d.inferred.nodes) {
      expect(p.inferred).toBe(true);
      expect(p.note).toEqual(expect.any(String));
    }
    // A district read off a campus name is an inference, as it is for the campus itself.
    expect(d.inferred.nodes.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(['gd-provincial-peoples-hospital-baiyun-campus']),
    );
  });

  test('inside not and or, as any condition', async () => {
    const d = await data(`{
      notInferred: projects(filter: { regionId: "440100", not: { inferred: true } }) { totalCount }
      statedOrCompleted: projects(filter: { regionId: "440100", or: [{ inferred: false }, { status: [COMPLETED] }] }) { totalCount }
      completed: projects(filter: { regionId: "440100", status: [COMPLETED] }) { totalCount }
      inferredCompleted: projects(filter: { regionId: "440100", and: [{ inferred: true }, { status: [COMPLETED] }] }) { totalCount }
    }`);
    expect(d.notInferred.totalCount).toBe(201);
    expect(d.statedOrCompleted.totalCount).toBe(201 + d.inferredCompleted.totalCount);
    expect([d.completed.totalCount, d.inferredCompleted.totalCount]).toEqual([COMPLETED_GZ, COMPLETED_GZ_INFERRED]);
  });

  test("in a region's nested list: every 南沙区 project rests on an inference (its district is read off its name)", async () => {
    const { region } = await data(`{
      region(id: "440115") {
        all: projects { totalCount }
        stated: projects(filter: { inferred: false }) { totalCount }
      }
    }`);
    expect([region.all.totalCount, region.stated.totalCount]).toEqual([7, 0]);
  });

  test('the aggregate takes it as the list does', async () => {
    const d = await data(`{
      split: projectsAggregate(filter: { regionId: "440100" }, groupBy: [INFERRED]) { count groups { key { inferred } count } }
      stated: projectsAggregate(filter: { regionId: "440100", inferred: false }, groupBy: [INFERRED]) { count groups { key { inferred } count } }
    }`);
    expect(d.split.count).toBe(305);
    expect(d.split.groups).toEqual([
      { key: { inferred: false }, count: 201 },
      { key: { inferred: true }, count: 104 },
    ]);
    expect(d.stated).toEqual({ count: 201, groups: [{ key: { inferred: false }, count: 201 }] });
  });

  test('one SQL statement per list and per aggregate', async () => {
    const facilities = stack.subgraphs.facilities;
    facilities.counter.reset();
    await data(
      '{ projects(filter: { regionId: "440100", inferred: false, or: [{ status: [PLANNED] }, { not: { inferred: true } }] }) { totalCount nodes { id } } }',
    );
    expect(requestStatements(facilities)).toHaveLength(1);
    facilities.counter.reset();
    await data('{ projectsAggregate(filter: { regionId: "440100", not: { inferred: true } }, groupBy: [STATUS]) { count } }');
    expect(requestStatements(facilities)).toHaveLength(1);
  });
});

describe('every list', () => {
  /** Every root list, its records all, stated and inferred (the seeds' counts, 44,714 regions). */
  const LISTS: [string, number, number][] = [
    ['facilities', 131, 69],
    ['projects', 352, 118],
    ['designations', 98, 18],
    ['programmes', 19, 1],
    ['indicators', 201, 5],
    ['observations', 155, 80],
    ['targets', 139, 61],
    ['plans', 15, 14],
    ['organizations', 27, 18],
    ['people', 28, 0],
    ['posts', 30, 5],
    ['meetings', 8, 4],
    ['regions', 44_714, 24],
    ['sources', 5, 4],
  ];

  test.each(LISTS)('%s: %i in all, %i inferred, the rest stated', async (list, all, inferred) => {
    const d = await data(
      `{ all: ${list} { totalCount } stated: ${list}(filter: { inferred: false }) { totalCount } ` +
        `inferred: ${list}(filter: { inferred: true }) { totalCount } }`,
    );
    expect([d.all.totalCount, d.inferred.totalCount, d.stated.totalCount]).toEqual([all, inferred, all - inferred]);
  });

  test('every filter input declares it, with what false and true select', async () => {
    const { __schema } = await data('{ __schema { types { name kind inputFields { name type { name } description } } } }');
    const filters = __schema.types.filter((t: { name: string; kind: string }) => t.kind === 'INPUT_OBJECT' && t.name.endsWith('Filter'));
    expect(filters.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['ProjectFilter', 'SourceFilter', 'RegionFilter']));
    for (const f of filters) {
      const field = f.inputFields.find((i: { name: string }) => i.name === 'inferred');
      expect([f.name, field?.type.name]).toEqual([f.name, 'Boolean']);
      expect(field.description).toContain('stated only');
    }
  });
});

/** Guangzhou's completed projects, and those of them resting on an inference (the fever clinics' standardisation). */
const COMPLETED_GZ = 7;
const COMPLETED_GZ_INFERRED = 1;

import { formatRows } from '../src/export/format';
import { toRows } from '../src/export/rows';

const data = {
  region: {
    name: '广州市',
    projects: {
      totalCount: 2,
      nodes: [
        {
          name: '广州呼吸中心',
          facility: { name: '广医一院, 呼吸', parent: null, designations: [{ kind: 'NATIONAL_MEDICAL_CENTER' }, { kind: 'OTHER' }] },
        },
        { name: '花都院区 "新"', facility: { name: '妇儿中心', parent: { name: '妇儿' }, designations: [] } },
      ],
    },
    aliases: ['穗'],
  },
};

test('the longest list becomes one row per item, nested fields dotted, inner lists joined', () => {
  const { path, columns, rows } = toRows(data);
  expect(path).toBe('region.projects.nodes');
  expect(columns).toEqual(['name', 'facility.name', 'facility.designations.kind', 'facility.parent.name']);
  expect(rows[0]).toEqual({
    name: '广州呼吸中心',
    'facility.name': '广医一院, 呼吸',
    'facility.parent.name': null,
    'facility.designations.kind': 'NATIONAL_MEDICAL_CENTER; OTHER',
  });
  expect(rows[1]['facility.designations.kind']).toBeNull();
});

test('a result without a list is one row; a list of scalars is a value column', () => {
  expect(toRows({ region: { name: '广州市', level: 'PREFECTURE' } }).rows).toEqual([
    { 'region.name': '广州市', 'region.level': 'PREFECTURE' },
  ]);
  expect(toRows({ region: { aliases: ['穗', '羊城'] } })).toMatchObject({ columns: ['value'], rows: [{ value: '穗' }, { value: '羊城' }] });
});

test('CSV is RFC 4180 with a UTF-8 byte-order mark; JSON is the same rows', () => {
  const csv = formatRows(toRows(data), 'csv');
  expect(csv.startsWith('\uFEFFname,facility.name,')).toBe(true);
  const lines = csv.slice(1).split('\r\n');
  expect(lines).toEqual([
    'name,facility.name,facility.designations.kind,facility.parent.name',
    '广州呼吸中心,"广医一院, 呼吸",NATIONAL_MEDICAL_CENTER; OTHER,',
    '"花都院区 ""新""",妇儿中心,,妇儿',
    '',
  ]);
  expect(JSON.parse(formatRows(toRows(data), 'json'))[1]).toEqual({
    name: '花都院区 "新"',
    'facility.name': '妇儿中心',
    'facility.designations.kind': null,
    'facility.parent.name': '妇儿',
  });
  expect(formatRows(toRows({ projects: { nodes: [] } }), 'csv')).toBe('\uFEFF');
});

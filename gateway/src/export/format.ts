import { stringify } from 'csv-stringify/sync';
import type { Rows } from './rows';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
};

/**
 * CSV per RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote or line break),
 * in UTF-8 with a byte-order mark: without it, spreadsheet programs read the file in the local
 * code page and the Chinese turns to mojibake. JSON is the same rows as an array of objects.
 */
export function formatRows({ columns, rows }: Rows, format: ExportFormat): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (columns.length === 0) return '\uFEFF'; // an empty list: no rows and nothing to name the columns by
  return stringify(rows, {
    header: true,
    bom: true,
    record_delimiter: 'windows',
    columns,
    cast: { boolean: (v) => (v ? 'true' : 'false') },
  });
}

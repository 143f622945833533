const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** An ISO 8601 date or time ("2026-12-01", "2026-12-01T08:00:00Z") as the ISO time versions are stamped with, or null if it is none. */
export function isoTime(value: string): string | null {
  return ISO_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : null;
}

/**
 * How long each nested list is in the data: the cost model's `assumedSize` for a list a request
 * does not size with `first`. Measured over the seeds (tests/test/list-sizes.e2e.test.ts walks
 * every record of every type and fails when a size here leaves the range the data supports: at
 * least the median length, at most the longest list); each is the length nine records in ten stay
 * within (the 90th percentile), at least 1. A size here replaces any `@listSize(assumedSize)` a
 * resolver declares, so the cost of a researcher's query is priced on what the graph holds
 * rather than on the longest page a list could serve.
 *
 * Keys are `Type.field`, or `*.field` for a field every record has (citations, history). A list
 * whose data is as long as a page (a region's projects, a plan's targets) keeps the page size.
 */
export const MEASURED_LIST_SIZES: Record<string, number> = {
  // Every record: 1–2 passages (Meeting 3–4), one version as seeded, no agency writes.
  '*.citations': 2,
  '*.history': 1,
  '*.submissions': 1,
  'Designation.projects': 1,
  'Designation.programmes': 1,
  'Facility.campuses': 1,
  'Facility.designations': 1,
  'Facility.projects': 1,
  'Facility.builtBy': 1,
  'Programme.projects': 11,
  'Programme.designations': 8,
  'Project.programmes': 1,
  'Project.statusReports': 2,
  'Project.milestones': 2,
  'Project.reports': 2,
  'Indicator.observations': 1,
  'Indicator.targets': 1,
  'Plan.issuers': 1,
  'Person.posts': 2,
  'Person.appearances': 1,
  'Meeting.appearances': 2,
  'Organization.posts': 2,
  // Regions: measured over the divisions the texts name (most of the 44,706 divisions have no
  // records, which would price every list at 0): a named area groups at most 11 divisions, a
  // division has at most 2 above it. `children` keeps its declared 50, near the longest list in
  // the data (52), not its typical length: children → parent → children … is how a small document
  // asks for millions of objects, and only a price near the maximum keeps that out.
  'Region.members': 11,
  // Most divisions place no named area in them; Guangdong places 6.
  'Region.areas': 1,
  'Region.ancestors': 2,
  'Region.plans': 6,
};

/** The measured size of `type.field`, if there is one. */
export function measuredListSize(type: string, field: string): number | undefined {
  return MEASURED_LIST_SIZES[`${type}.${field}`] ?? MEASURED_LIST_SIZES[`*.${field}`];
}

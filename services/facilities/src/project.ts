import {
  Attr,
  Citation,
  citationSchema,
  sourceInputSchema,
  SubmittedSource,
  type SourceRecord,
  Cited,
  date,
  Family,
  oneOf,
  ProjectStatus,
  ProjectType,
  regionId,
  slug,
  sourceIdOf,
  text,
  type CitationRecord,
} from '@hsg/framework';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { z } from 'zod';

@ObjectType({ description: 'One dated statement a source makes about a project.' })
export class StatusReport {
  @Field(() => String, { description: 'The date the statement holds for: "2020", "2024-12", "2025-03-03".' })
  asOf!: string;

  @Field(() => ProjectStatus, { description: 'The status the statement gives.' })
  status!: keyof typeof ProjectStatus;

  @Field(() => String, { description: 'The words of the source that say it.' })
  text!: string;

  @Field(() => Citation, { description: 'Where the statement is.' })
  citation!: CitationRecord;
}

@ObjectType({ description: 'One dated report on a project: a statement of the source texts, or a report an agency submitted.' })
export class ProjectReport {
  @Field(() => String, { description: 'The date the report holds for: "2020", "2024-12", "2025-03-03".' })
  asOf!: string;

  @Field(() => ProjectStatus, { description: 'The status the report gives.' })
  status!: keyof typeof ProjectStatus;

  @Field(() => String, { description: 'The words that say it.' })
  text!: string;

  @Field(() => Citation, { nullable: true, description: 'Where a statement of the texts is; null for a report an agency submitted.' })
  citation!: CitationRecord | null;

  @Field(() => String, { nullable: true, description: 'The agency that submitted it; null for a statement of the texts.' })
  agency!: string | null;

  @Field(() => SubmittedSource, { nullable: true, description: 'The document the agency cited for it.' })
  source!: SourceRecord | null;
}

/** How a status report is stored in the project's JSON column: cited from a text, or submitted by an agency. */
export interface StatusReportRecord extends Partial<CitationRecord> {
  asOf: string;
  status: keyof typeof ProjectStatus;
  text: string;
  agency?: string;
  source?: SourceRecord;
}

const reportShape = { asOf: date, status: oneOf(ProjectStatus), text };
const statusReportSchema = z.union([
  z.object({ ...reportShape, ...citationSchema.shape }).strict(),
  z.object({ ...reportShape, agency: z.string().min(1), source: sourceInputSchema }).strict(),
]);

@Entity('project')
@Family({
  family: 'projects',
  // The status of fact and its date, kept in columns so lists can filter on them in SQL.
  derive: (p: { statusReports: StatusReportRecord[] }) => {
    const latest = factualStatus(p.statusReports);
    return { status: latest?.status ?? 'UNKNOWN', statusAsOf: latest?.asOf ?? null };
  },
  // A link says why it holds: a researcher reads the basis beside the link. (A check over the
  // records, not a refine: writes extend the record's schema, which zod refuses once refined.)
  check: (records: Record<string, any>[]) =>
    records.flatMap((p) => [
      ...(p.designationId && !p.designationBasis
        ? [{ id: p.id, field: 'designationBasis', message: 'a designationId needs its designationBasis (the words that tie the two)' }]
        : []),
      ...(p.campusId && !p.campusBasis
        ? [{ id: p.id, field: 'campusBasis', message: 'a campusId needs its campusBasis (the words that tie the two)' }]
        : []),
    ]),
})
@ObjectType({ description: 'A build-out the sources name: new build, expansion, relocation, renovation, new campus or centre set-up.' })
@Directive('@key(fields: "id")')
export class Project extends Cited {
  @Attr(slug, { primary: true, description: 'Stable slug.' })
  id!: string;

  @Attr(text, { name: 'NAME', description: 'Name as written.' })
  name!: string;

  @Attr(z.array(text).default([]), {
    name: 'ALIAS',
    // For the rows written before the column existed.
    default: '[]',
    description:
      'Other names the sources give the same build-out (a merge of two names is an inference; see `note`). `search` and `filter.search` find them.',
  })
  aliases!: string[];

  /** Pinyin of the names, for `filter.search` (derived; not part of the API). */
  @Attr(z.string(), { derived: true, graphql: false, default: '' })
  pinyin!: string;

  @Attr(oneOf(ProjectType), {
    index: true,
    description: 'What kind of build-out.',
    deprecationReason:
      'Use `projectType`, the same value (`type` conflicts with `Facility.type` and `Organization.type` in one `search` selection); removed after 2027-06-30',
  })
  type!: keyof typeof ProjectType;

  @Attr(slug.nullish(), { index: true, graphql: false, ref: 'facilities' })
  facilityId!: string | null;

  @Attr(regionId.nullish(), { index: true, graphql: false, ref: 'regions' })
  regionId!: string | null;

  @Attr(slug.nullish(), { graphql: false, ref: 'plans' })
  planId!: string | null;

  @Attr(slug.nullish(), { index: true, graphql: false, ref: 'designations' })
  designationId!: string | null;

  @Attr(text.nullish(), {
    description:
      'Why it is the building of its `designation`: the words of the texts that tie the two (the same centre, the same host, the same plan item), and what is a reading.',
  })
  designationBasis!: string | null;

  @Attr(slug.nullish(), { index: true, graphql: false, ref: 'facilities' })
  campusId!: string | null;

  @Attr(text.nullish(), {
    description: 'Why `campus` is the campus or site it builds or moves to: the words of the texts, and what is a reading.',
  })
  campusBasis!: string | null;

  @Attr(text.nullish(), { searchText: true, description: 'Where the plan lists it ("专栏4 工程1").' })
  planSection!: string | null;

  @Attr(z.array(statusReportSchema).default([]), {
    graphql: false,
    lazy: true,
    ref: { family: 'sources', ids: (rs: StatusReportRecord[]) => rs.flatMap((r) => (r.lines ? [sourceIdOf(r.lines)] : [])) },
  })
  statusReports!: StatusReportRecord[];

  @Attr(oneOf(ProjectStatus), {
    derived: true,
    index: true,
    description:
      'Status of fact: the latest report of progress (STARTED, UNDER_CONSTRUCTION, STRUCTURE_COMPLETED, COMPLETED, IN_OPERATION); a later report that building goes on (UNDER_CONSTRUCTION) keeps the furthest stage reported before it. A plan\'s statement (PLANNED: "to be completed by 2025") is a milestone, listed in `milestones`, and never sets a project back: PLANNED only while no report of progress exists.',
  })
  status!: keyof typeof ProjectStatus;

  @Attr(date.nullable(), { derived: true, description: 'Date of the report `status` comes from.' })
  statusAsOf!: string | null;
}

/** The latest report by date; among reports of the same date, the later one in the list. */
function latestReport(reports: StatusReportRecord[]): StatusReportRecord | undefined {
  return [...reports].sort((a, b) => a.asOf.localeCompare(b.asOf)).at(-1);
}

/** The report the status of fact comes from: the latest report of progress, else the latest plan statement. */
export function factualReport(reports: StatusReportRecord[]): StatusReportRecord | undefined {
  return latestReport(reports.filter((r) => r.status !== 'PLANNED')) ?? latestReport(reports);
}

/** The stages of building a report may give, in order; UNDER_CONSTRUCTION is building at a stage not given. */
const BUILDING_STAGES: (keyof typeof ProjectStatus)[] = ['STARTED', 'STRUCTURE_COMPLETED'];

/**
 * The status of fact and its date: the latest report's. A report that building goes on without a
 * stage ("加快建设进度") keeps the furthest stage an earlier report gave (the main structure finished
 * stays finished), dated by the later report.
 */
export function factualStatus(reports: StatusReportRecord[]): { status: keyof typeof ProjectStatus; asOf: string } | undefined {
  const latest = factualReport(reports);
  if (latest?.status !== 'UNDER_CONSTRUCTION') return latest;
  const stage = BUILDING_STAGES.filter((s) => reports.some((r) => r.status === s && r.asOf <= latest.asOf)).at(-1);
  return { status: stage ?? latest.status, asOf: latest.asOf };
}

/** The statuses a filter by these statuses finds: UNDER_CONSTRUCTION finds the stages within it too. */
export function statusesMatching(statuses: (keyof typeof ProjectStatus)[]): (keyof typeof ProjectStatus)[] {
  return [...new Set(statuses.flatMap((s) => (s === 'UNDER_CONSTRUCTION' ? [s, ...BUILDING_STAGES] : [s])))];
}

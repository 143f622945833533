import { Cited, Citation, ProjectStatus, ProjectType, type CitationRecord } from '@hsg/common';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

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

/** How a status report is stored in the project's JSON column. */
export interface StatusReportRecord extends CitationRecord {
  asOf: string;
  status: keyof typeof ProjectStatus;
  text: string;
}

@Entity('project')
@ObjectType({ description: 'A build-out the sources name: new build, expansion, relocation, renovation, new campus or centre set-up.' })
@Directive('@key(fields: "id")')
export class Project extends Cited {
  @PrimaryColumn('varchar')
  @Field(() => ID, { description: 'Stable slug.' })
  id!: string;

  @Column('varchar')
  @Field(() => String, { description: 'Name as written.' })
  name!: string;

  /** Pinyin of the Chinese names for `filter.search` (pinyinKeys); not part of the API. */
  @Column('varchar', { default: '' })
  pinyin!: string;

  @Index()
  @Column('varchar')
  @Field(() => ProjectType, { description: 'What kind of build-out.' })
  type!: keyof typeof ProjectType;

  @Index()
  @Column('varchar', { nullable: true })
  facilityId!: string | null;

  @Index()
  @Column('varchar', { nullable: true })
  regionId!: string | null;

  @Column('varchar', { nullable: true })
  planId!: string | null;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Where the plan lists it ("专栏4 工程1").' })
  planSection!: string | null;

  @Column('simple-json')
  statusReports!: StatusReportRecord[];

  /** The latest report's status and date, kept in columns (derived at seed time) so lists can filter on them in SQL. */
  @Index()
  @Column('varchar')
  @Field(() => ProjectStatus, { description: 'Status per the latest dated report (see `statusAsOf`, `statusReports`).' })
  status!: keyof typeof ProjectStatus;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Date of the latest report.' })
  statusAsOf!: string | null;
}

/** The latest report by date; among reports of the same date, the later one in the list. */
export function latestReport(reports: StatusReportRecord[]): StatusReportRecord | undefined {
  return [...reports].sort((a, b) => a.asOf.localeCompare(b.asOf)).at(-1);
}

import { badUserInput } from '@hsg/core';
import {
  BEST_MATCH_FIRST,
  applyWrite,
  Connection,
  DATE_RULE,
  lazyColumn,
  likePattern,
  ListedEntityResolver,
  nextPeriodStart,
  firstDay,
  periodStart,
  ProjectStatus,
  ProjectType,
  providedRegion,
  PROVIDES_REGION_NAME,
  SourceInput,
} from '@hsg/framework';
import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { Designation } from './designation';
import { Facility } from './facility';
import { ProjectFilter, projectQuery } from './filters';
import { programmesOf, type FacilitiesContext } from './loaders';
import { Programme } from './programme';
import { Project, ProjectReport, StatusReport, type StatusReportRecord } from './project';
import { PlanRef, RegionRef } from './stubs';

export const ProjectConnection = Connection(Project, 'Project', 'A page of projects.');

/** Reports oldest first; reports of one date keep the order they were made in. */
const byDate = (reports: StatusReportRecord[]) => [...reports].sort((a, b) => a.asOf.localeCompare(b.asOf));

@ArgsType()
class ReportArgs {
  @Field(() => String, { nullable: true, description: `Only reports dated on or after this date. ${DATE_RULE}` })
  from?: string | null;

  @Field(() => String, { nullable: true, description: `Only reports dated on or before this date. ${DATE_RULE}` })
  to?: string | null;

  @Field(() => String, { nullable: true, description: 'Only reports whose words or quote contain this text ("投入使用").' })
  search?: string | null;
}

/** The reports within the arguments' dates and text, oldest first. */
function reportsWithin(reports: StatusReportRecord[], { from, to, search }: ReportArgs): StatusReportRecord[] {
  const start = from == null ? null : periodStart(from, 'from');
  const end = to == null ? null : nextPeriodStart(to, 'to');
  if (start !== null && end !== null && start >= end) throw badUserInput(`"from" (${from}) is after "to" (${to}).`, 'from');
  // The same pattern rules as list filters' search (1–50 characters), matched here in memory.
  const needle = search == null ? null : likePattern(search, 'search').slice(1, -1).replace(/\\(.)/g, '$1');
  return byDate(reports).filter(
    (r) =>
      (start === null || firstDay(r.asOf) >= start) &&
      (end === null || firstDay(r.asOf) < end) &&
      (needle === null || `${r.text}\n${r.quote ?? ''}`.toLowerCase().includes(needle)),
  );
}

/** A project lies where it is built, or else where its facility is. */
async function projectRegion(p: Record<string, any>, manager: EntityManager): Promise<string | null> {
  return p.regionId ?? (p.facilityId ? ((await manager.findOneBy(Facility, { id: p.facilityId }))?.regionId ?? null) : null);
}

/** The agency of a writing caller (applyWrite refuses anyone else first). */
const agencyOf = (ctx: FacilitiesContext) => (ctx.request.caller.kind === 'agency' ? ctx.request.caller.agency : '');

@InputType({ description: 'What reportProjectStatus needs.' })
class ReportProjectStatusInput {
  @Field(() => ID, { description: 'The project.' })
  id!: string;

  @Field(() => Int, {
    description: 'The version you last read (`version`); a different current version is a CONFLICT and nothing is written.',
  })
  expectedVersion!: number;

  @Field(() => ProjectStatus, { description: 'Where the project stands.' })
  status!: keyof typeof ProjectStatus;

  @Field(() => String, { description: 'The date the status holds for: YYYY, YYYY-MM or YYYY-MM-DD.' })
  asOf!: string;

  @Field(() => String, { description: 'The words of the report ("主体结构封顶", "已投入使用").' })
  text!: string;

  @Field(() => SourceInput, { description: 'The document the report comes from.' })
  source!: SourceInput;

  @Field(() => String, {
    nullable: true,
    description: 'Resending the same key with the same input returns the first result instead of writing twice.',
  })
  idempotencyKey?: string | null;
}

@Resolver(() => Project)
export class ProjectResolver extends ListedEntityResolver({
  type: Project,
  one: 'project',
  byId: (ctx: FacilitiesContext) => ctx.projectById,
  many: 'projects',
  manyDescription: `Projects, by id (${BEST_MATCH_FIRST}), filtered and paged.`,
  connection: ProjectConnection,
  filter: ProjectFilter,
  regionType: RegionRef,
  query: (ctx, filter) => projectQuery(ctx, filter),
  write: { scope: 'facilities:write', create: 'createProject', update: 'updateProject', regionOf: projectRegion },
}) {
  @Mutation(() => Project, {
    description:
      "Adds a dated status report to a project, from the caller's agency and the cited source; the project's `status` and `statusAsOf` follow its latest report of progress (a PLANNED report is a milestone). Needs the \"facilities:write\" scope and the project's region in the token's jurisdiction.",
  })
  reportProjectStatus(
    @Arg('input', () => ReportProjectStatusInput) input: ReportProjectStatusInput,
    @Ctx() ctx: FacilitiesContext,
  ): Promise<Project> {
    const report = { asOf: input.asOf, status: input.status, text: input.text, agency: agencyOf(ctx), source: { ...input.source } };
    return applyWrite(ctx, {
      entity: Project,
      operation: 'reportProjectStatus',
      scope: 'facilities:write',
      id: input.id,
      mode: 'update',
      next: (current) => ({ ...current, statusReports: [...((current?.statusReports as unknown[]) ?? []), report] }),
      expectedVersion: input.expectedVersion,
      idempotencyKey: input.idempotencyKey,
      source: { ...input.source },
      input,
      regionOf: projectRegion,
    });
  }

  // A name of its own, so a selection across the search union's members can ask each kind's type.
  @FieldResolver(() => ProjectType, { description: 'What kind of build-out (new hospital, expansion, relocation …).' })
  projectType(@Root() p: Project): keyof typeof ProjectType {
    return p.type;
  }

  @FieldResolver(() => Facility, { nullable: true, description: 'The institution it belongs to, when the sources or its name tell.' })
  facility(@Root() p: Project, @Ctx() ctx: FacilitiesContext) {
    return p.facilityId ? ctx.facilityById.load(p.facilityId) : null;
  }

  @FieldResolver(() => Designation, {
    nullable: true,
    description:
      "The designation it builds (the 国家区域医疗中心 whose set-up it is), where the texts tie the two; `designationBasis` says how. The designation keeps its own status (DESIGNATED, APPLYING …) beside the project's.",
  })
  designation(@Root() p: Project, @Ctx() ctx: FacilitiesContext) {
    return p.designationId ? ctx.designationById.load(p.designationId) : null;
  }

  @FieldResolver(() => Facility, {
    nullable: true,
    description:
      "The campus, branch or new site it builds or moves to, where that is a facility record (a relocation's new 院区); `campusBasis` says how. `facility` is the institution it belongs to.",
  })
  campus(@Root() p: Project, @Ctx() ctx: FacilitiesContext) {
    return p.campusId ? ctx.facilityById.load(p.campusId) : null;
  }

  @FieldResolver(() => [Programme], {
    description: 'The programmes and groupings that list it ("1+1+6", 专栏6\'s clusters, the 专栏 工程 heading it is listed under).',
  })
  programmes(@Root() p: Project, @Ctx() ctx: FacilitiesContext): Promise<Programme[]> {
    return programmesOf('project', p.id, ctx);
  }

  @Directive(PROVIDES_REGION_NAME)
  @FieldResolver(() => RegionRef, { nullable: true, description: 'Where it is built.' })
  region(@Root() p: Project, @Ctx() ctx: FacilitiesContext) {
    return providedRegion(p.regionId, ctx.regions);
  }

  @FieldResolver(() => PlanRef, { nullable: true, description: 'The plan that lists it.' })
  plan(@Root() p: Project) {
    return p.planId ? { id: p.planId } : null;
  }

  @FieldResolver(() => [StatusReport], {
    description: 'Every dated statement the source texts make about it, oldest first (see `reports` for agency reports too).',
  })
  async statusReports(
    @Root() p: Project,
    @Args(() => ReportArgs) args: ReportArgs,
    @Ctx() ctx: FacilitiesContext,
  ): Promise<StatusReport[]> {
    const reports = await lazyColumn<StatusReportRecord[]>(ctx, Project, p, 'statusReports');
    return reportsWithin(reports, args).flatMap(({ asOf, status, text, lines, quote }) =>
      lines && quote ? [{ asOf, status, text, citation: { lines, quote } }] : [],
    );
  }

  @FieldResolver(() => [StatusReport], {
    description:
      'The planned milestones, oldest first: what plans say will happen (PLANNED statements: "建成", "to be completed by 2025"), kept apart from the status of fact.',
  })
  async milestones(@Root() p: Project, @Ctx() ctx: FacilitiesContext): Promise<StatusReport[]> {
    return byDate(await lazyColumn<StatusReportRecord[]>(ctx, Project, p, 'statusReports')).flatMap(
      ({ asOf, status, text, lines, quote }) =>
        status === 'PLANNED' && lines && quote ? [{ asOf, status, text, citation: { lines, quote } }] : [],
    );
  }

  @FieldResolver(() => [ProjectReport], {
    description: 'Every dated report on it, oldest first: the statements of the texts and the reports agencies submitted.',
  })
  async reports(@Root() p: Project, @Args(() => ReportArgs) args: ReportArgs, @Ctx() ctx: FacilitiesContext): Promise<ProjectReport[]> {
    const reports = await lazyColumn<StatusReportRecord[]>(ctx, Project, p, 'statusReports');
    return reportsWithin(reports, args).map(({ asOf, status, text, lines, quote, agency, source }) => ({
      asOf,
      status,
      text,
      citation: lines && quote ? { lines, quote } : null,
      agency: agency ?? null,
      source: source ?? null,
    }));
  }
}

import { applyWrite, Connection, lazyColumn, ListedEntityResolver, ProjectStatus, regionRef, SourceInput } from '@hsg/common';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { Facility } from './facility';
import { ProjectFilter, projectQuery } from './filters';
import type { FacilitiesContext } from './loaders';
import { Project, ProjectReport, StatusReport, type StatusReportRecord } from './project';
import { PlanRef, RegionRef } from './stubs';

export const ProjectConnection = Connection(Project, 'Project', 'A page of projects.');

/** Reports oldest first; reports of one date keep the order they were made in. */
const byDate = (reports: StatusReportRecord[]) => [...reports].sort((a, b) => a.asOf.localeCompare(b.asOf));

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
  manyDescription: 'Projects, by id, filtered and paged.',
  connection: ProjectConnection,
  filter: ProjectFilter,
  query: (ctx, filter) => projectQuery(ctx, filter),
  write: { scope: 'facilities:write', create: 'createProject', update: 'updateProject', regionOf: projectRegion },
}) {
  @Mutation(() => Project, {
    description:
      "Adds a dated status report to a project, from the caller's agency and the cited source; the project's `status` and `statusAsOf` follow its latest report. Needs the \"facilities:write\" scope and the project's region in the token's jurisdiction.",
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

  @FieldResolver(() => Facility, { nullable: true, description: 'The institution it belongs to, when the sources or its name tell.' })
  facility(@Root() p: Project, @Ctx() ctx: FacilitiesContext) {
    return p.facilityId ? ctx.facilityById.load(p.facilityId) : null;
  }

  @FieldResolver(() => RegionRef, { nullable: true, description: 'Where it is built.' })
  region(@Root() p: Project) {
    return regionRef(p.regionId);
  }

  @FieldResolver(() => PlanRef, { nullable: true, description: 'The plan that lists it.' })
  plan(@Root() p: Project) {
    return p.planId ? { id: p.planId } : null;
  }

  @Directive('@listSize(assumedSize: 10)')
  @FieldResolver(() => [StatusReport], {
    description: 'Every dated statement the source texts make about it, oldest first (see `reports` for agency reports too).',
  })
  async statusReports(@Root() p: Project, @Ctx() ctx: FacilitiesContext): Promise<StatusReport[]> {
    return byDate(await lazyColumn<StatusReportRecord[]>(ctx, Project, p, 'statusReports')).flatMap(
      ({ asOf, status, text, lines, quote }) => (lines && quote ? [{ asOf, status, text, citation: { lines, quote } }] : []),
    );
  }

  @Directive('@listSize(assumedSize: 10)')
  @FieldResolver(() => [ProjectReport], {
    description: 'Every dated report on it, oldest first: the statements of the texts and the reports agencies submitted.',
  })
  async reports(@Root() p: Project, @Ctx() ctx: FacilitiesContext): Promise<ProjectReport[]> {
    return byDate(await lazyColumn<StatusReportRecord[]>(ctx, Project, p, 'statusReports')).map(
      ({ asOf, status, text, lines, quote, agency, source }) => ({
        asOf,
        status,
        text,
        citation: lines && quote ? { lines, quote } : null,
        agency: agency ?? null,
        source: source ?? null,
      }),
    );
  }
}

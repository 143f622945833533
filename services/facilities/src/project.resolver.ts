import { Connection, ListedEntityResolver, pageOfQuery, regionRef } from '@hsg/common';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Facility } from './facility';
import { projectQuery, ProjectFilter } from './filters';
import type { FacilitiesContext } from './loaders';
import { Project, StatusReport } from './project';
import { PlanRef, RegionRef } from './stubs';

export const ProjectConnection = Connection(Project, 'Project', 'A page of projects.');

@Resolver(() => Project)
export class ProjectResolver extends ListedEntityResolver({
  type: Project,
  one: 'project',
  byId: (ctx: FacilitiesContext) => ctx.projectById,
  many: 'projects',
  manyDescription: 'Projects, by id, filtered and paged.',
  connection: ProjectConnection,
  filter: ProjectFilter,
  page: (ctx, filter, window) => pageOfQuery(projectQuery(ctx, filter), window),
}) {
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

  @FieldResolver(() => [StatusReport], { description: 'Every dated statement about it, oldest first.' })
  statusReports(@Root() p: Project): StatusReport[] {
    return [...p.statusReports]
      .sort((a, b) => a.asOf.localeCompare(b.asOf))
      .map(({ asOf, status, text, lines, quote }) => ({ asOf, status, text, citation: { lines, quote } }));
  }
}

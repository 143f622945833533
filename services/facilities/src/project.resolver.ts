import { Connection, connectionFromPage, notFound, PageArgs, pageWindow, regionRef, type ConnectionShape } from '@hsg/common';
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Facility } from './facility';
import { projectQuery, ProjectFilter } from './filters';
import type { FacilitiesContext } from './loaders';
import { Project, StatusReport } from './project';
import { PlanRef, RegionRef } from './stubs';

export const ProjectConnection = Connection(Project, 'Project', 'A page of projects.');

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: 'One project by id. An unknown id is a NOT_FOUND error.' })
  async project(@Arg('id', () => ID) id: string, @Ctx() ctx: FacilitiesContext): Promise<Project> {
    return (await ctx.projectById.load(id)) ?? Promise.reject(notFound('Project', id));
  }

  @Query(() => ProjectConnection, { description: 'Projects, by id, filtered and paged.' })
  async projects(
    @Arg('filter', () => ProjectFilter, { nullable: true }) filter: ProjectFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: FacilitiesContext,
  ): Promise<ConnectionShape<Project>> {
    const window = pageWindow(page);
    const [rows, total] = await projectQuery(ctx.dataSource, filter).skip(window.offset).take(window.limit).getManyAndCount();
    return connectionFromPage(rows, total, window);
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
  @FieldResolver(() => [StatusReport], { description: 'Every dated statement about it, oldest first.' })
  statusReports(@Root() p: Project): StatusReport[] {
    return [...p.statusReports]
      .sort((a, b) => a.asOf.localeCompare(b.asOf))
      .map(({ asOf, status, text, lines, quote }) => ({ asOf, status, text, citation: { lines, quote } }));
  }
}

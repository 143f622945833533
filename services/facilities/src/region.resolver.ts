import { PageArgs, scopedToRegion, type ConnectionShape } from '@hsg/framework';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FacilityConnection } from './facility.resolver';
import { FacilityFilter, ProjectFilter } from './filters';
import type { FacilitiesContext } from './loaders';
import { ProjectConnection } from './project.resolver';
import { RegionRef } from './stubs';
import type { Facility } from './facility';
import type { Project } from './project';

/** The fields this subgraph adds to Region: its facilities and projects, over the region's whole subtree. */
@Resolver(() => RegionRef)
export class RegionFacilitiesResolver {
  @FieldResolver(() => FacilityConnection, {
    description: 'Facilities within this region or any division below it; for a named area, within any of its member divisions.',
  })
  facilities(
    @Root() region: RegionRef,
    @Arg('filter', () => FacilityFilter, { nullable: true }) filter: FacilityFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: FacilitiesContext,
  ): Promise<ConnectionShape<Facility>> {
    return ctx.regionFacilities.load({ parentId: region.id, filter: scopedToRegion(filter, 'Region.facilities'), page });
  }

  @FieldResolver(() => ProjectConnection, {
    description: 'Projects within this region or any division below it; for a named area, within any of its member divisions too.',
  })
  projects(
    @Root() region: RegionRef,
    @Arg('filter', () => ProjectFilter, { nullable: true }) filter: ProjectFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: FacilitiesContext,
  ): Promise<ConnectionShape<Project>> {
    return ctx.regionProjects.load({ parentId: region.id, filter: scopedToRegion(filter, 'Region.projects'), page });
  }
}

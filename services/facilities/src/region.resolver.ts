import { badUserInput, PageArgs, type ConnectionShape } from '@hsg/common';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FacilityConnection } from './facility.resolver';
import { FacilityFilter, ProjectFilter } from './filters';
import type { FacilitiesContext } from './loaders';
import { ProjectConnection } from './project.resolver';
import { RegionRef } from './stubs';
import type { Facility } from './facility';
import type { Project } from './project';

/** The region is the field's parent; a second region in the filter would be ambiguous. */
function withoutRegion<F extends { regionId?: string | null }>(filter: F | null): F | null {
  if (filter?.regionId) throw badUserInput('Region.facilities and Region.projects are already scoped to the region; drop "filter.regionId".', 'filter.regionId');
  return filter;
}

/** The fields this subgraph adds to Region: its facilities and projects, over the region's whole subtree. */
@Resolver(() => RegionRef)
export class RegionFacilitiesResolver {
  @FieldResolver(() => FacilityConnection, { description: 'Facilities within this region or any division below it.' })
  facilities(
    @Root() region: RegionRef,
    @Arg('filter', () => FacilityFilter, { nullable: true }) filter: FacilityFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: FacilitiesContext,
  ): Promise<ConnectionShape<Facility>> {
    return ctx.regionFacilities.load({ regionId: region.id, filter: withoutRegion(filter), page });
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects within this region or any division below it.' })
  projects(
    @Root() region: RegionRef,
    @Arg('filter', () => ProjectFilter, { nullable: true }) filter: ProjectFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: FacilitiesContext,
  ): Promise<ConnectionShape<Project>> {
    return ctx.regionProjects.load({ regionId: region.id, filter: withoutRegion(filter), page });
  }
}

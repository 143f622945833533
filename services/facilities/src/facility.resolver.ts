import { Connection, connectionFromPage, notFound, PageArgs, pageWindow, regionRef, type ConnectionShape } from '@hsg/common';
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Designation } from './designation';
import { Facility } from './facility';
import { facilityQuery, FacilityFilter } from './filters';
import type { FacilitiesContext } from './loaders';
import { Project } from './project';
import { RegionRef } from './stubs';

export const FacilityConnection = Connection(Facility, 'Facility', 'A page of facilities.');

@Resolver(() => Facility)
export class FacilityResolver {
  @Query(() => Facility, { nullable: true, description: 'One facility by id. An unknown id is a NOT_FOUND error.' })
  async facility(@Arg('id', () => ID) id: string, @Ctx() ctx: FacilitiesContext): Promise<Facility> {
    return (await ctx.facilityById.load(id)) ?? Promise.reject(notFound('Facility', id));
  }

  @Query(() => FacilityConnection, { description: 'Facilities, by id, filtered and paged.' })
  async facilities(
    @Arg('filter', () => FacilityFilter, { nullable: true }) filter: FacilityFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: FacilitiesContext,
  ): Promise<ConnectionShape<Facility>> {
    const window = pageWindow(page);
    const [rows, total] = await facilityQuery(ctx.dataSource, filter).skip(window.offset).take(window.limit).getManyAndCount();
    return connectionFromPage(rows, total, window);
  }

  @FieldResolver(() => Facility, { nullable: true, description: 'The hospital a campus (院区, 分院) belongs to.' })
  parent(@Root() f: Facility, @Ctx() ctx: FacilitiesContext) {
    return f.parentId ? ctx.facilityById.load(f.parentId) : null;
  }

  @Directive('@listSize(assumedSize: 10)')
  @FieldResolver(() => [Facility], { description: 'Its campuses (院区, 分院).' })
  campuses(@Root() f: Facility, @Ctx() ctx: FacilitiesContext) {
    return ctx.campusesOf.load(f.id);
  }

  @FieldResolver(() => RegionRef, { nullable: true, description: 'The district (or city) it is in.' })
  region(@Root() f: Facility) {
    return regionRef(f.regionId);
  }

  @Directive('@listSize(assumedSize: 10)')
  @FieldResolver(() => [Designation], { description: 'The titles it hosts.' })
  designations(@Root() f: Facility, @Ctx() ctx: FacilitiesContext) {
    return ctx.designationsOf.load(f.id);
  }

  @Directive('@listSize(assumedSize: 20)')
  @FieldResolver(() => [Project], { description: 'Build-outs of this facility.' })
  projects(@Root() f: Facility, @Ctx() ctx: FacilitiesContext) {
    return ctx.projectsOf.load(f.id);
  }
}

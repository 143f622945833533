import { Connection, connectionFromPage, notFound, PageArgs, pageWindow, type ConnectionShape } from '@hsg/common';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Designation } from './designation';
import { Facility } from './facility';
import { designationQuery, DesignationFilter } from './filters';
import type { FacilitiesContext } from './loaders';

export const DesignationConnection = Connection(Designation, 'Designation', 'A page of designations.');

@Resolver(() => Designation)
export class DesignationResolver {
  @Query(() => Designation, { nullable: true, description: 'One designation by id. An unknown id is a NOT_FOUND error.' })
  async designation(@Arg('id', () => ID) id: string, @Ctx() ctx: FacilitiesContext): Promise<Designation> {
    return (await ctx.designationById.load(id)) ?? Promise.reject(notFound('Designation', id));
  }

  @Query(() => DesignationConnection, { description: 'Designations, by id, filtered and paged.' })
  async designations(
    @Arg('filter', () => DesignationFilter, { nullable: true }) filter: DesignationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: FacilitiesContext,
  ): Promise<ConnectionShape<Designation>> {
    const window = pageWindow(page);
    const [rows, total] = await designationQuery(ctx.dataSource, filter).skip(window.offset).take(window.limit).getManyAndCount();
    return connectionFromPage(rows, total, window);
  }

  @FieldResolver(() => Facility, {
    nullable: true,
    description: 'The facility hosting it; null where the sources name no host (see `note`).',
  })
  host(@Root() d: Designation, @Ctx() ctx: FacilitiesContext) {
    return d.hostId ? ctx.facilityById.load(d.hostId) : null;
  }
}

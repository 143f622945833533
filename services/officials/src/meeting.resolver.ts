import { Connection, connectionFromPage, notFound, PageArgs, pageWindow, regionRef, type ConnectionShape } from '@hsg/common';
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { meetingQuery, MeetingFilter } from './filters';
import type { OfficialsContext } from './loaders';
import { Appearance, Meeting } from './meeting';
import { Organization } from './organization';
import { Person } from './person';
import { RegionRef } from './stubs';

export const MeetingConnection = Connection(Meeting, 'Meeting', 'A page of meetings.');

@Resolver(() => Meeting)
export class MeetingResolver {
  @Query(() => Meeting, { nullable: true, description: 'One meeting by id. An unknown id is a NOT_FOUND error.' })
  async meeting(@Arg('id', () => ID) id: string, @Ctx() ctx: OfficialsContext): Promise<Meeting> {
    return (await ctx.meetingById.load(id)) ?? Promise.reject(notFound('Meeting', id));
  }

  @Query(() => MeetingConnection, { description: 'Meetings, by date then id, filtered and paged.' })
  async meetings(
    @Arg('filter', () => MeetingFilter, { nullable: true }) filter: MeetingFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: OfficialsContext,
  ): Promise<ConnectionShape<Meeting>> {
    const window = pageWindow(page);
    const [rows, total] = await meetingQuery(ctx.dataSource, filter).skip(window.offset).take(window.limit).getManyAndCount();
    return connectionFromPage(rows, total, window);
  }

  @FieldResolver(() => RegionRef, { nullable: true, description: 'Where it was held.' })
  region(@Root() m: Meeting) {
    return regionRef(m.regionId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Who held it; null where the sources do not say.' })
  organizer(@Root() m: Meeting, @Ctx() ctx: OfficialsContext) {
    return m.organizerId ? ctx.organizationById.load(m.organizerId) : null;
  }

  @Directive('@listSize(assumedSize: 10)')
  @FieldResolver(() => [Appearance], { description: 'Who appeared and in what role, in the order the source names them.' })
  appearances(@Root() m: Meeting): Appearance[] {
    return m.appearances.map((a) => ({ ...a, meeting: m }));
  }
}

@Resolver(() => Appearance)
export class AppearanceResolver {
  @FieldResolver(() => Person, { description: 'Who appeared.' })
  person(@Root() a: Appearance, @Ctx() ctx: OfficialsContext) {
    return ctx.personById.load(a.personId);
  }
}

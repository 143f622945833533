import { Connection, ListedEntityResolver, regionRef } from '@hsg/common';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { MeetingFilter, meetingQuery } from './filters';
import type { OfficialsContext } from './loaders';
import { Appearance, Meeting } from './meeting';
import { Organization } from './organization';
import { Person } from './person';
import { RegionRef } from './stubs';

export const MeetingConnection = Connection(Meeting, 'Meeting', 'A page of meetings.');

@Resolver(() => Meeting)
export class MeetingResolver extends ListedEntityResolver({
  type: Meeting,
  one: 'meeting',
  byId: (ctx: OfficialsContext) => ctx.meetingById,
  many: 'meetings',
  manyDescription: 'Meetings, by date then id, filtered and paged.',
  connection: MeetingConnection,
  filter: MeetingFilter,
  query: (ctx, filter) => meetingQuery(ctx, filter),
}) {
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

import { Connection, ListedEntityResolver, regionRef } from '@hsg/framework';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
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
  regionType: RegionRef,
  query: (ctx, filter) => meetingQuery(ctx, filter),
}) {
  @FieldResolver(() => RegionRef, {
    nullable: true,
    description:
      "The region the meeting is for: its venue where the source states one, otherwise the region of whoever held it (Foshan's own work conference, place not stated). `venue` says only what the source states.",
  })
  region(@Root() m: Meeting) {
    return regionRef(m.regionId);
  }

  @FieldResolver(() => RegionRef, {
    nullable: true,
    description: 'Where the source says it was held (在广州召开 → Guangzhou); null where the source does not say, whatever `region` is.',
  })
  venue(@Root() m: Meeting) {
    return regionRef(m.venueId);
  }

  @FieldResolver(() => Boolean, { description: 'True when the source states where it was held (then `venue` is that place).' })
  venueStated(@Root() m: Meeting): boolean {
    return m.venueId != null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Who held it; null where the sources do not say.' })
  organizer(@Root() m: Meeting, @Ctx() ctx: OfficialsContext) {
    return m.organizerId ? ctx.organizationById.load(m.organizerId) : null;
  }

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

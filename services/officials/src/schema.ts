import { buildFederatedSchema } from '@hsg/common';
import type { GraphQLSchema } from 'graphql';
import type { OfficialsContext } from './loaders';
import { AppearanceResolver, MeetingResolver } from './meeting.resolver';
import { OrganizationResolver } from './organization.resolver';
import { PersonResolver } from './person.resolver';
import { PostResolver } from './post.resolver';
import { RegionOfficialsResolver } from './region.resolver';

export function buildOfficialsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [OrganizationResolver, PersonResolver, PostResolver, MeetingResolver, AppearanceResolver, RegionOfficialsResolver] },
    {
      Organization: { __resolveReference: (ref: { id: string }, ctx: OfficialsContext) => ctx.organizationById.load(ref.id) },
      Person: { __resolveReference: (ref: { id: string }, ctx: OfficialsContext) => ctx.personById.load(ref.id) },
      Post: { __resolveReference: (ref: { id: string }, ctx: OfficialsContext) => ctx.postById.load(ref.id) },
      Meeting: { __resolveReference: (ref: { id: string }, ctx: OfficialsContext) => ctx.meetingById.load(ref.id) },
    } as never,
  );
}

import { buildFederatedSchema } from '@hsg/framework';
import type { GraphQLSchema } from 'graphql';
import { AppearanceResolver, MeetingResolver } from './meeting.resolver';
import { OrganizationResolver } from './organization.resolver';
import { PersonResolver } from './person.resolver';
import { PostResolver } from './post.resolver';
import { RegionOfficialsResolver } from './region.resolver';

export function buildOfficialsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [OrganizationResolver, PersonResolver, PostResolver, MeetingResolver, AppearanceResolver, RegionOfficialsResolver],
  });
}

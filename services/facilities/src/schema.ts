import { buildFederatedSchema } from '@hsg/framework';
import type { GraphQLSchema } from 'graphql';
import { DesignationResolver } from './designation.resolver';
import { FacilityResolver } from './facility.resolver';
import { ProgrammeResolver } from './programme.resolver';
import { ProjectResolver } from './project.resolver';
import { RegionFacilitiesResolver } from './region.resolver';

export function buildFacilitiesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [FacilityResolver, DesignationResolver, ProjectResolver, ProgrammeResolver, RegionFacilitiesResolver],
  });
}

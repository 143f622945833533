import { buildFederatedSchema } from '@hsg/common';
import type { GraphQLSchema } from 'graphql';
import { DesignationResolver } from './designation.resolver';
import { FacilityResolver } from './facility.resolver';
import type { FacilitiesContext } from './loaders';
import { ProjectResolver } from './project.resolver';
import { RegionFacilitiesResolver } from './region.resolver';

export function buildFacilitiesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [FacilityResolver, DesignationResolver, ProjectResolver, RegionFacilitiesResolver] }, {
    Facility: { __resolveReference: (ref: { id: string }, ctx: FacilitiesContext) => ctx.facilityById.load(ref.id) },
    Designation: { __resolveReference: (ref: { id: string }, ctx: FacilitiesContext) => ctx.designationById.load(ref.id) },
    Project: { __resolveReference: (ref: { id: string }, ctx: FacilitiesContext) => ctx.projectById.load(ref.id) },
  } as never);
}

import { BEST_MATCH_FIRST, Connection, FacilityType, ListedEntityResolver, providedRegion, PROVIDES_REGION_NAME } from '@hsg/framework';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Designation } from './designation';
import { Facility } from './facility';
import { FacilityFilter, facilityQuery } from './filters';
import type { FacilitiesContext } from './loaders';
import { Project } from './project';
import { RegionRef } from './stubs';

export const FacilityConnection = Connection(Facility, 'Facility', 'A page of facilities.');

@Resolver(() => Facility)
export class FacilityResolver extends ListedEntityResolver({
  type: Facility,
  one: 'facility',
  byId: (ctx: FacilitiesContext) => ctx.facilityById,
  many: 'facilities',
  manyDescription: `Facilities, by id (${BEST_MATCH_FIRST}), filtered and paged.`,
  connection: FacilityConnection,
  filter: FacilityFilter,
  regionType: RegionRef,
  query: (ctx, filter) => facilityQuery(ctx, filter),
  write: { scope: 'facilities:write', create: 'createFacility', update: 'updateFacility', regionOf: (f) => f.regionId ?? null },
}) {
  // A name of its own, so a selection across the search union's members can ask each kind's type.
  @FieldResolver(() => FacilityType, { description: 'What kind of institution it is (hospital, CDC, laboratory …).' })
  facilityType(@Root() f: Facility): keyof typeof FacilityType {
    return f.type;
  }

  @FieldResolver(() => Facility, { nullable: true, description: 'The hospital a campus (院区, 分院) belongs to.' })
  parent(@Root() f: Facility, @Ctx() ctx: FacilitiesContext) {
    return f.parentId ? ctx.facilityById.load(f.parentId) : null;
  }

  @FieldResolver(() => [Facility], { description: 'Its campuses (院区, 分院).' })
  campuses(@Root() f: Facility, @Ctx() ctx: FacilitiesContext) {
    return ctx.campusesOf.load(f.id);
  }

  @Directive(PROVIDES_REGION_NAME)
  @FieldResolver(() => RegionRef, { nullable: true, description: 'The district (or city) it is in.' })
  region(@Root() f: Facility, @Ctx() ctx: FacilitiesContext) {
    return providedRegion(f.regionId, ctx.regions);
  }

  @FieldResolver(() => [Designation], { description: 'The titles it hosts.' })
  designations(@Root() f: Facility, @Ctx() ctx: FacilitiesContext) {
    return ctx.designationsOf.load(f.id);
  }

  @FieldResolver(() => [Project], { description: 'Build-outs of this facility.' })
  projects(@Root() f: Facility, @Ctx() ctx: FacilitiesContext) {
    return ctx.projectsOf.load(f.id);
  }

  @FieldResolver(() => [Project], {
    description:
      "The projects that built it or moved to it (their `campus`): a new campus's own build and the hospital's relocation that opened it.",
  })
  builtBy(@Root() f: Facility, @Ctx() ctx: FacilitiesContext) {
    return ctx.projectsBuilt.load(f.id);
  }
}

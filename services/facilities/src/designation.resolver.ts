import { BEST_MATCH_FIRST, Connection, ListedEntityResolver } from '@hsg/framework';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Designation } from './designation';
import { Facility } from './facility';
import { DesignationFilter, designationQuery } from './filters';
import { programmesOf, type FacilitiesContext } from './loaders';
import { Programme } from './programme';
import { Project } from './project';
import { RegionRef } from './stubs';

export const DesignationConnection = Connection(Designation, 'Designation', 'A page of designations.');

@Resolver(() => Designation)
export class DesignationResolver extends ListedEntityResolver({
  type: Designation,
  one: 'designation',
  byId: (ctx: FacilitiesContext) => ctx.designationById,
  many: 'designations',
  manyDescription: `Designations, by id (${BEST_MATCH_FIRST}), filtered and paged.`,
  connection: DesignationConnection,
  filter: DesignationFilter,
  regionType: RegionRef,
  query: (ctx, filter) => designationQuery(ctx, filter),
  write: {
    scope: 'facilities:write',
    create: 'createDesignation',
    // A title held by a city or province names its region; a facility's title lies where its host is.
    regionOf: async (d, manager) =>
      d.regionId ?? (d.hostId ? ((await manager.findOneBy(Facility, { id: d.hostId }))?.regionId ?? null) : null),
  },
}) {
  @FieldResolver(() => Facility, {
    nullable: true,
    description: 'The facility hosting it; null where the sources name no host (see `note`).',
  })
  host(@Root() d: Designation, @Ctx() ctx: FacilitiesContext) {
    return d.hostId ? ctx.facilityById.load(d.hostId) : null;
  }

  @FieldResolver(() => [Project], {
    description:
      "The projects that build it (their `designation`): the set-up the plan schedules, with the project's own status beside the designation's.",
  })
  projects(@Root() d: Designation, @Ctx() ctx: FacilitiesContext) {
    return ctx.projectsBuilding.load(d.id);
  }

  @FieldResolver(() => [Programme], { description: 'The programmes that list it ("1+1+6").' })
  programmes(@Root() d: Designation, @Ctx() ctx: FacilitiesContext): Promise<Programme[]> {
    return programmesOf('designation', d.id, ctx);
  }
}

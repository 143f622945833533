import { Connection, ListedEntityResolver, loadPresent } from '@hsg/framework';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Designation } from './designation';
import { ProgrammeFilter, programmeQuery } from './filters';
import type { FacilitiesContext } from './loaders';
import { Programme } from './programme';
import { Project } from './project';
import { PlanRef } from './stubs';

export const ProgrammeConnection = Connection(Programme, 'Programme', 'A page of programmes.');

@Resolver(() => Programme)
export class ProgrammeResolver extends ListedEntityResolver({
  type: Programme,
  one: 'programme',
  byId: (ctx: FacilitiesContext) => ctx.programmeById,
  many: 'programmes',
  manyDescription: 'Programmes and groupings the texts make, by id, filtered and paged.',
  connection: ProgrammeConnection,
  filter: ProgrammeFilter,
  query: (ctx, filter) => programmeQuery(ctx, filter),
}) {
  @FieldResolver(() => PlanRef, { nullable: true, description: 'The plan that lists it.' })
  plan(@Root() g: Programme) {
    return g.planId ? { id: g.planId } : null;
  }

  @FieldResolver(() => Project, {
    nullable: true,
    description: 'The project record for the programme itself, where the plan lists it as one (with its status reports).',
  })
  project(@Root() g: Programme, @Ctx() ctx: FacilitiesContext) {
    return g.projectId ? ctx.projectById.load(g.projectId) : null;
  }

  @FieldResolver(() => [Project], { description: 'The projects it lists, in the order of the text.' })
  projects(@Root() g: Programme, @Ctx() ctx: FacilitiesContext): Promise<Project[]> {
    return loadPresent<string, Project>(ctx.projectById, g.projectIds);
  }

  @FieldResolver(() => [Designation], { description: 'The designations it lists, in the order of the text.' })
  designations(@Root() g: Programme, @Ctx() ctx: FacilitiesContext): Promise<Designation[]> {
    return loadPresent<string, Designation>(ctx.designationById, g.designationIds);
  }
}

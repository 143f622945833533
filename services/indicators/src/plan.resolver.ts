import { Connection, ListedEntityResolver, PageArgs, regionRef, type ConnectionShape } from '@hsg/framework';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PlanFilter, planQuery } from './filters';
import { TargetConnection } from './indicator.resolver';
import type { IndicatorsContext } from './loaders';
import { Plan } from './plan';
import { OrganizationRef, RegionRef } from './stubs';
import type { Target } from './target';

export const PlanConnection = Connection(Plan, 'Plan', 'A page of plans.');

@Resolver(() => Plan)
export class PlanResolver extends ListedEntityResolver({
  type: Plan,
  one: 'plan',
  byId: (ctx: IndicatorsContext) => ctx.planById,
  many: 'plans',
  manyDescription: 'Plans, by id, filtered and paged.',
  connection: PlanConnection,
  filter: PlanFilter,
  regionType: RegionRef,
  query: (ctx, filter) => planQuery(ctx.dataSource, filter),
}) {
  @FieldResolver(() => RegionRef, { nullable: true, description: 'The region it is for.' })
  region(@Root() p: Plan) {
    return regionRef(p.regionId);
  }

  @FieldResolver(() => [OrganizationRef], {
    description: 'The organizations that issued it, in the order the text names them; empty where the text names no issuer.',
  })
  issuers(@Root() p: Plan) {
    return p.issuerIds.map((id) => ({ id }));
  }

  @FieldResolver(() => TargetConnection, { description: 'The targets it sets, by id.' })
  targets(@Root() p: Plan, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: IndicatorsContext): Promise<ConnectionShape<Target>> {
    return ctx.targetsOfPlan.load({ parentId: p.id, filter: null, page });
  }
}

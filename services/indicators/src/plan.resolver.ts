import {
  Connection,
  connectionFromArray,
  connectionFromPage,
  notFound,
  PageArgs,
  pageWindow,
  regionRef,
  type ConnectionShape,
} from '@hsg/common';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { TargetConnection } from './indicator.resolver';
import type { IndicatorsContext } from './loaders';
import { Plan } from './plan';
import { RegionRef } from './stubs';
import type { Target } from './target';

export const PlanConnection = Connection(Plan, 'Plan', 'A page of plans.');

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => Plan, { nullable: true, description: 'One plan by id. An unknown id is a NOT_FOUND error.' })
  async plan(@Arg('id', () => ID) id: string, @Ctx() ctx: IndicatorsContext): Promise<Plan> {
    return (await ctx.planById.load(id)) ?? Promise.reject(notFound('Plan', id));
  }

  @Query(() => PlanConnection, { description: 'Every plan, by id.' })
  async plans(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: IndicatorsContext): Promise<ConnectionShape<Plan>> {
    const window = pageWindow(page);
    const [rows, total] = await ctx.dataSource
      .getRepository(Plan)
      .createQueryBuilder('p')
      .orderBy('p.id', 'ASC')
      .skip(window.offset)
      .take(window.limit)
      .getManyAndCount();
    return connectionFromPage(rows, total, window);
  }

  @FieldResolver(() => RegionRef, { nullable: true, description: 'The region it is for.' })
  region(@Root() p: Plan) {
    return regionRef(p.regionId);
  }

  @FieldResolver(() => TargetConnection, { description: 'The targets it sets, by id.' })
  async targets(@Root() p: Plan, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: IndicatorsContext): Promise<ConnectionShape<Target>> {
    const window = pageWindow(page);
    return connectionFromArray(await ctx.targetsOfPlan.load(p.id), window);
  }
}

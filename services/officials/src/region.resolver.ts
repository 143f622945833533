import { PageArgs, scopedToRegion, type ConnectionShape, DATE_RULE } from '@hsg/framework';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { OrganizationFilter } from './filters';
import type { OfficialsContext } from './loaders';
import type { Organization } from './organization';
import { OrganizationConnection } from './organization.resolver';
import type { Post } from './post';
import { PostConnection } from './post.resolver';
import { RegionRef } from './stubs';

/** The fields this subgraph adds to Region, over the region's whole subtree. */
@Resolver(() => RegionRef)
export class RegionOfficialsResolver {
  @FieldResolver(() => OrganizationConnection, {
    description: 'Organizations of this region or any division below it (for a named area, of its member divisions), by id.',
  })
  organizations(
    @Root() region: RegionRef,
    @Arg('filter', () => OrganizationFilter, { nullable: true }) filter: OrganizationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: OfficialsContext,
  ): Promise<ConnectionShape<Organization>> {
    return ctx.regionOrganizations.load({ parentId: region.id, filter: scopedToRegion(filter, 'Region.organizations'), page });
  }

  @FieldResolver(() => PostConnection, {
    description:
      'Posts in organizations of this region or any division below it (for a named area, of its member divisions), oldest first (by asOf, then id).',
  })
  officials(
    @Root() region: RegionRef,
    @Arg('asOf', () => String, {
      nullable: true,
      description: `The picture at this date: each person's latest sighting on or before it in each organization, and only the heads of each organization's latest head sighting (a later head supersedes an earlier one); each post's \`staleAt(asOf:)\`, given the same date, says whether it is more than a year older than it. ${DATE_RULE}`,
    })
    asOf: string | null,
    @Arg('headsOnly', () => Boolean, { defaultValue: false, description: 'Only posts heading their organization.' }) headsOnly: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: OfficialsContext,
  ): Promise<ConnectionShape<Post>> {
    return ctx.regionOfficials.load({ parentId: region.id, filter: { asOf: asOf ?? null, headsOnly }, page });
  }
}

import { Connection, ListedEntityResolver, PageArgs, regionRef, type ConnectionShape } from '@hsg/common';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DATE_RULE, nextPeriodStart } from './dates';
import { OrganizationFilter, organizationQuery } from './filters';
import type { OfficialsContext } from './loaders';
import { Organization } from './organization';
import { Post } from './post';
import { latestHead, PostConnection } from './post.resolver';
import { RegionRef } from './stubs';

export const OrganizationConnection = Connection(Organization, 'Organization', 'A page of organizations.');

@Resolver(() => Organization)
export class OrganizationResolver extends ListedEntityResolver({
  type: Organization,
  one: 'organization',
  byId: (ctx: OfficialsContext) => ctx.organizationById,
  many: 'organizations',
  manyDescription: 'Organizations, by id, filtered and paged.',
  connection: OrganizationConnection,
  filter: OrganizationFilter,
  query: (ctx, filter) => organizationQuery(ctx, filter),
}) {
  @FieldResolver(() => RegionRef, { nullable: true, description: 'The region it governs or serves; null for a national body.' })
  region(@Root() o: Organization) {
    return regionRef(o.regionId);
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The body it belongs to or is managed by (省中医药局 → 省卫生健康委).',
  })
  parent(@Root() o: Organization, @Ctx() ctx: OfficialsContext) {
    return o.parentId ? ctx.organizationById.load(o.parentId) : null;
  }

  @FieldResolver(() => PostConnection, { description: 'Every post on record here, oldest first (by asOf, then id).' })
  posts(@Root() o: Organization, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: OfficialsContext): Promise<ConnectionShape<Post>> {
    return ctx.postPageOfOrganization.load({ parentId: o.id, filter: null, page });
  }

  @FieldResolver(() => Post, {
    nullable: true,
    description:
      'The latest head post (isHead) on record at `asOf`, or the latest of all without it; null if none. The record may be older than ' +
      '`asOf`: it is the last sighting, not proof of tenure. Of two heads seen on the same date, the later by id.',
  })
  async head(
    @Root() o: Organization,
    @Arg('asOf', () => String, { nullable: true, description: DATE_RULE }) asOf: string | null,
    @Ctx() ctx: OfficialsContext,
  ): Promise<Post | null> {
    const before = asOf == null ? null : nextPeriodStart(asOf, 'asOf');
    return latestHead(await ctx.postsOfOrganization.load(o.id), before);
  }
}

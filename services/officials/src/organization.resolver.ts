import {
  BEST_MATCH_FIRST,
  Connection,
  DATE_RULE,
  ListedEntityResolver,
  nextPeriodStart,
  OrganizationType,
  PageArgs,
  regionRef,
  type ConnectionShape,
} from '@hsg/framework';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { OrganizationFilter, organizationQuery } from './filters';
import type { OfficialsContext } from './loaders';
import { Organization } from './organization';
import { Post } from './post';
import { latestHeads, PostConnection, seenAt } from './post.resolver';
import { RegionRef } from './stubs';

export const OrganizationConnection = Connection(Organization, 'Organization', 'A page of organizations.');

@Resolver(() => Organization)
export class OrganizationResolver extends ListedEntityResolver({
  type: Organization,
  one: 'organization',
  byId: (ctx: OfficialsContext) => ctx.organizationById,
  many: 'organizations',
  manyDescription: `Organizations, by id (${BEST_MATCH_FIRST}), filtered and paged.`,
  connection: OrganizationConnection,
  filter: OrganizationFilter,
  regionType: RegionRef,
  query: (ctx, filter) => organizationQuery(ctx, filter),
}) {
  // A name of its own, so a selection across the search union's members can ask each kind's type.
  @FieldResolver(() => OrganizationType, { description: 'What kind of body it is (health commission, party committee …).' })
  organizationType(@Root() o: Organization): keyof typeof OrganizationType {
    return o.type;
  }

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
      'The head post (isHead) seen last on or before `asOf` (the latest of all without it); null if none. It is the last sighting, not proof ' +
      'of tenure: its `asOf` says when it was seen and `staleAt(asOf:)` whether that is more than a year before a date. Of heads seen on ' +
      'the same date (Guizhou 2024: 党组书记 and 主任), the party secretary, then the first by id; `heads` gives them all.',
  })
  async head(
    @Root() o: Organization,
    @Arg('asOf', () => String, { nullable: true, description: DATE_RULE }) asOf: string | null,
    @Ctx() ctx: OfficialsContext,
  ): Promise<Post | null> {
    const head = latestHeads(await ctx.postsOfOrganization.load(o.id), asOf == null ? null : nextPeriodStart(asOf, 'asOf'))[0];
    return head ? seenAt(head, asOf) : null;
  }

  @FieldResolver(() => [Post], {
    description:
      'Every head post (isHead) of the latest date on or before `asOf` on which a head was seen (all dates without it), the party ' +
      'secretary first: two where the texts show two (Guizhou 2024: 杨慧 党组书记, 孙发 主任). Each says when it was seen (`asOf`) and ' +
      'whether that is more than a year before a date (`staleAt(asOf:)`).',
  })
  async heads(
    @Root() o: Organization,
    @Arg('asOf', () => String, { nullable: true, description: DATE_RULE }) asOf: string | null,
    @Ctx() ctx: OfficialsContext,
  ): Promise<Post[]> {
    const heads = latestHeads(await ctx.postsOfOrganization.load(o.id), asOf == null ? null : nextPeriodStart(asOf, 'asOf'));
    return heads.map((p) => seenAt(p, asOf));
  }
}

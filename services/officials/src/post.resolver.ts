import { Connection, DATE_RULE, firstDay, ListedEntityResolver, nextPeriodStart } from '@hsg/framework';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PostFilter, postQuery } from './filters';
import type { OfficialsContext } from './loaders';
import { Organization } from './organization';
import { Person } from './person';
import { Post } from './post';

export const PostConnection = Connection(Post, 'Post', 'A page of posts.');

/**
 * Whether a sighting is too old to speak for `asOf`: even the end of its period ("2021" ends
 * 2022-01-01) lies more than a year before the date asked ("2024" → 2023).
 */
export function staleAt(sighting: string, asOf: string): boolean {
  const yearBefore = `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4)}`;
  return nextPeriodStart(sighting, 'asOf') <= yearBefore;
}

/** The post as answered for a date, flagged when the sighting is stale for it (the loaders' rows stay as they are). */
export function seenAt(post: Post, asOf: string | null | undefined): Post {
  if (asOf == null) return post;
  return Object.assign(Object.create(Object.getPrototypeOf(post)) as Post, post, { stale: staleAt(post.asOf, asOf) });
}

/** A party secretary (党组书记, 党委书记) first, as the texts list joint heads; then by id. */
const byRank = (a: Post, b: Post) =>
  Number(b.titles.some((t) => t.includes('书记'))) - Number(a.titles.some((t) => t.includes('书记'))) || a.id.localeCompare(b.id);

/**
 * The head posts (`isHead`) of the latest date before `before` on which any head was seen, ranked
 * (posts come ordered by asOf, then id): Guizhou's party secretary and director, seen together.
 */
export function latestHeads(posts: Post[], before: string | null): Post[] {
  // A sighting dated "2025" counts from 2025-01-01: not before the end of 2024.
  const heads = posts.filter((p) => p.isHead && (before === null || firstDay(p.asOf) < before));
  const last = heads.at(-1)?.asOf;
  return heads.filter((p) => p.asOf === last).sort(byRank);
}

@Resolver(() => Post)
export class PostResolver extends ListedEntityResolver({
  type: Post,
  one: 'post',
  byId: (ctx: OfficialsContext) => ctx.postById,
  many: 'posts',
  manyDescription:
    'Posts (dated sightings of who held which titles), oldest first (by asOf, then id), filtered by date, title, organization, region and source.',
  connection: PostConnection,
  filter: PostFilter,
  query: (ctx, filter) => postQuery(ctx, filter),
  // A post is judged by the region of the organization it is held in.
  write: {
    scope: 'officials:write',
    create: 'recordPost',
    regionOf: async (p, manager) =>
      p.organizationId ? ((await manager.findOneBy(Organization, { id: p.organizationId }))?.regionId ?? null) : null,
  },
}) {
  @FieldResolver(() => Person, { description: 'Who holds the post.' })
  person(@Root() p: Post, @Ctx() ctx: OfficialsContext) {
    return ctx.personById.load(p.personId);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    deprecationReason:
      'It depends on the date the parent field was asked for, which a normalized cache cannot see: use staleAt(asOf:), removed after 2027-06-30',
    description:
      'Where the post answers a date (`head(asOf:)`, `heads(asOf:)`, `officials(asOf:)`): true when the sighting is more than a year older than that date (even the end of its period: "2021" against "2024"), so it may no longer hold. Null where no date was asked.',
  })
  stale(@Root() p: Post): boolean | null {
    return p.stale ?? null;
  }

  // The date is this field's own argument, so a normalized cache keys the answer by it
  // (`staleAt({"asOf":"2021"})`) instead of keeping one `stale` per post for every date asked.
  @FieldResolver(() => Boolean, {
    description:
      'Whether this sighting is more than a year older than `asOf` (even the end of its period: "2021" against "2024"), so the post may no longer be held then. The same answer wherever the post is reached.',
  })
  staleAt(@Root() p: Post, @Arg('asOf', () => String, { description: DATE_RULE }) asOf: string): boolean {
    nextPeriodStart(asOf, 'asOf');
    return staleAt(p.asOf, asOf);
  }

  @FieldResolver(() => Organization, { description: 'Where the post is held.' })
  organization(@Root() p: Post, @Ctx() ctx: OfficialsContext) {
    return ctx.organizationById.load(p.organizationId);
  }
}

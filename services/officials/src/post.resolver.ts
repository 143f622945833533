import { Connection, ListedEntityResolver } from '@hsg/common';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PostFilter, postQuery } from './filters';
import type { OfficialsContext } from './loaders';
import { Organization } from './organization';
import { Person } from './person';
import { Post } from './post';

export const PostConnection = Connection(Post, 'Post', 'A page of posts.');

/** The post with `isHead` dated latest before `before` (posts come ordered by asOf, then id). */
export function latestHead(posts: Post[], before: string | null): Post | null {
  return posts.filter((p) => p.isHead && (before === null || p.asOf < before)).at(-1) ?? null;
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

  @FieldResolver(() => Organization, { description: 'Where the post is held.' })
  organization(@Root() p: Post, @Ctx() ctx: OfficialsContext) {
    return ctx.organizationById.load(p.organizationId);
  }
}

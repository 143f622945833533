import { BEST_MATCH_FIRST, Connection, ListedEntityResolver, NATIONWIDE } from '@hsg/framework';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PersonFilter, personQuery } from './filters';
import type { OfficialsContext } from './loaders';
import { Appearance } from './meeting';
import { Person } from './person';
import { Post } from './post';

export const PersonConnection = Connection(Person, 'Person', 'A page of people.');

@Resolver(() => Person)
export class PersonResolver extends ListedEntityResolver({
  type: Person,
  one: 'person',
  byId: (ctx: OfficialsContext) => ctx.personById,
  many: 'people',
  manyDescription: `People, by id (${BEST_MATCH_FIRST}), filtered and paged.`,
  connection: PersonConnection,
  filter: PersonFilter,
  query: (ctx, filter) => personQuery(ctx.dataSource, filter),
  // A person is no region's: any agency with the scope may record one; their posts are judged by region.
  write: { scope: 'officials:write', create: 'createPerson', regionOf: () => NATIONWIDE },
}) {
  @FieldResolver(() => [Post], { description: 'Every post on record for the person, oldest first (by asOf, then id).' })
  posts(@Root() p: Person, @Ctx() ctx: OfficialsContext) {
    return ctx.postsOfPerson.load(p.id);
  }

  @FieldResolver(() => [Appearance], { description: 'The meetings the person appeared at, by meeting date.' })
  appearances(@Root() p: Person, @Ctx() ctx: OfficialsContext) {
    return ctx.appearancesOf.load(p.id);
  }
}

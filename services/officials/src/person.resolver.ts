import { Connection, connectionFromPage, notFound, PageArgs, pageWindow, type ConnectionShape } from '@hsg/common';
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { personQuery, PersonFilter } from './filters';
import type { OfficialsContext } from './loaders';
import { Appearance } from './meeting';
import { Person } from './person';
import { Post } from './post';

export const PersonConnection = Connection(Person, 'Person', 'A page of people.');

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'One person by id. An unknown id is a NOT_FOUND error.' })
  async person(@Arg('id', () => ID) id: string, @Ctx() ctx: OfficialsContext): Promise<Person> {
    return (await ctx.personById.load(id)) ?? Promise.reject(notFound('Person', id));
  }

  @Query(() => PersonConnection, { description: 'People, by id, filtered and paged.' })
  async people(
    @Arg('filter', () => PersonFilter, { nullable: true }) filter: PersonFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: OfficialsContext,
  ): Promise<ConnectionShape<Person>> {
    const window = pageWindow(page);
    const [rows, total] = await personQuery(ctx.dataSource, filter).skip(window.offset).take(window.limit).getManyAndCount();
    return connectionFromPage(rows, total, window);
  }

  @Directive('@listSize(assumedSize: 10)')
  @FieldResolver(() => [Post], { description: 'Every post on record for the person, oldest first (by asOf, then id).' })
  posts(@Root() p: Person, @Ctx() ctx: OfficialsContext) {
    return ctx.postsOfPerson.load(p.id);
  }

  @Directive('@listSize(assumedSize: 10)')
  @FieldResolver(() => [Appearance], { description: 'The meetings the person appeared at, by meeting date.' })
  appearances(@Root() p: Person, @Ctx() ctx: OfficialsContext) {
    return ctx.appearancesOf.load(p.id);
  }
}
